// As Prisma's CLI uses it: findPrismaConfigFile of a project folder, loadConfigFromFile with
// configRoot (the discovery, then c12 and jiti loading `prisma.config.ts`, which imports a
// TypeScript file beside it and reads DATABASE_URL, set here as a user's shell would), then of a
// configuration named by configFile, and of a folder with none.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPrismaConfigFile, loadConfigFromFile } from '@prisma/config';
const input = path.join(path.dirname(fileURLToPath(import.meta.url)), 'input');
const project = path.join(input, 'project');
process.env.DATABASE_URL = 'file:./dev.db';
const found = findPrismaConfigFile(project);
if (found !== path.join(project, 'prisma.config.ts')) throw new Error(String(found));
const loaded = await loadConfigFromFile({ configRoot: project });
if (loaded.error || !loaded.config.schema.endsWith('schema.prisma')) throw new Error(JSON.stringify(loaded.error ?? loaded.config));
const named = await loadConfigFromFile({ configFile: path.join(input, 'other', 'custom.config.mjs'), configRoot: path.join(input, 'other') });
if (named.error) throw named.error.error ?? new Error(named.error._tag);
const none = await loadConfigFromFile({ configRoot: input });
if (none.error) throw none.error.error ?? new Error(none.error._tag);
console.log('ok');
