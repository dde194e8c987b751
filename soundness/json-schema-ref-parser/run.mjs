// As its README shows: dereference a schema by its path; its $refs to other files are read
// relative to it. bundle keeps internal $refs.
import path from 'node:path';
import { dereference, bundle } from '@apidevtools/json-schema-ref-parser';
const file = path.join(import.meta.dirname, 'input', 'schema.json');
const schema = await dereference(file);
if (schema.properties.name.type !== 'string' || schema.properties.age.minimum !== 0) throw new Error(JSON.stringify(schema));
const bundled = await bundle(file);
if (!bundled.properties) throw new Error('bundle');
console.log('ok');
