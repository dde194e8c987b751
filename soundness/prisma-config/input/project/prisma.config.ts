// A project's Prisma configuration, as Prisma 7's documentation writes one (loaded through c12 and jiti).
import { defineConfig, env } from '@prisma/config';
import { migrationsFolder } from './prisma/paths';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: migrationsFolder },
  datasource: { url: env('DATABASE_URL') },
});
