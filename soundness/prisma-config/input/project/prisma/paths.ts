export const migrationsFolder = 'prisma/migrations';
