// As its documentation shows (schema loading, documents loading): loadSchema of a glob of
// .graphql files with the file loader (one imports a type from another folder with `# import`),
// loadSchemaSync of one file, and loadDocuments of an operations folder's glob.
import path from 'node:path';
import { loadDocuments, loadSchema, loadSchemaSync } from '@graphql-tools/load';
import { GraphQLFileLoader } from '@graphql-tools/graphql-file-loader';
const input = path.join(import.meta.dirname, 'input');
const loaders = [new GraphQLFileLoader()];
const schema = await loadSchema(path.join(input, 'schema', '*.graphql'), { loaders });
if (!schema.getType('User') || !schema.getMutationType()) throw new Error('loadSchema');
const one = loadSchemaSync('./input/schema/query.graphql', { loaders, cwd: import.meta.dirname });
if (!one.getType('User')) throw new Error('loadSchemaSync');
const documents = await loadDocuments('input/operations/**/*.graphql', { loaders, cwd: import.meta.dirname });
if (documents.length !== 1 || !documents[0].location.endsWith('me.graphql')) throw new Error('loadDocuments');
console.log('ok');
