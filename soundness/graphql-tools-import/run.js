// As its README shows: processImport of a schema file whose `# import` lines name a file below
// it (which imports another beside it) and one in a folder beside it (each path resolved with
// realpathSync, each file read), relative to a cwd, then of a file named by its absolute path.
const path = require('path');
const { print } = require('graphql');
const { processImport } = require('@graphql-tools/import');
const input = path.join(__dirname, 'input');
const document = processImport(path.join('schema', 'schema.graphql'), input);
const sdl = print(document);
if (!sdl.includes('type User') || !sdl.includes('enum Role') || !sdl.includes('scalar Date')) throw new Error(sdl);
const direct = processImport(path.join(input, 'schema', 'types', 'user.graphql'));
if (!print(direct).includes('enum Role')) throw new Error('direct');
console.log('ok');
