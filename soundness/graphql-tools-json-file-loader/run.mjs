// As its README shows: a JsonFileLoader's load of an introspection file named relative to a
// `cwd`, of a glob (globby walks the folder), and loadSync of an absolute path; each source's
// schema has the file's types.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JsonFileLoader } from '@graphql-tools/json-file-loader';
const input = path.join(path.dirname(fileURLToPath(import.meta.url)), 'input');
const loader = new JsonFileLoader();
const [one] = await loader.load('schema.json', { cwd: input });
if (!one.schema.getType('User')) throw new Error('load');
const globbed = await loader.load('*.json', { cwd: input });
if (globbed.length !== 2) throw new Error(String(globbed.length));
const [other] = loader.loadSync(path.join(input, 'other.json'), {});
if (!other.schema.getQueryType().getFields().other) throw new Error('loadSync');
console.log('ok');
