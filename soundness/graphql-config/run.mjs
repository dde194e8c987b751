// As its README shows: loadConfig({ rootDir }) of a project whose `.graphqlrc.yml` names a glob
// of schema files and of documents (cosmiconfig's search, the loaders graphql-config bundles),
// getDefault().getSchema() and getDocuments(); loadConfigSync with a `graphql.config.ts` (loaded
// through jiti); getProjectForFile.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, loadConfigSync } from 'graphql-config';
const project = path.join(path.dirname(fileURLToPath(import.meta.url)), 'input', 'project');
const config = await loadConfig({ rootDir: project });
const schema = await config.getDefault().getSchema();
if (!schema.getType('User')) throw new Error('schema');
const documents = await config.getDefault().getDocuments();
if (documents.length !== 1) throw new Error(String(documents.length));
if (!config.getProjectForFile(path.join(project, 'src', 'user.graphql'))) throw new Error('for file');
const typed = loadConfigSync({ rootDir: path.join(project, 'other') });
const typedSchema = typed.getDefault().getSchemaSync();
if (!typedSchema.getQueryType()) throw new Error('typed');
console.log('ok');
