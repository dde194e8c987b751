// As its README shows: a CodeFileLoader's load of a glob of TypeScript files (globby walks the
// folder; each file is read and its gql tags plucked), then of a file with no tag (required, its
// exported schema taken) and loadSync of it with plucking off.
const path = require('path');
const { CodeFileLoader } = require('@graphql-tools/code-file-loader');
const input = path.join(__dirname, 'input');
const loader = new CodeFileLoader();
(async () => {
  const plucked = await loader.load('src/**/*.ts', { cwd: input });
  const sdl = plucked.map((s) => s.rawSDL).join('\n');
  if (plucked.length !== 2 || !sdl.includes('type User')) throw new Error(sdl);
  const [exported] = await loader.load('exported/schema.js', { cwd: input });
  if (!exported.schema.getQueryType().getFields().exported) throw new Error('export');
  const [again] = loader.loadSync(path.join(input, 'exported', 'schema.js'), { noPluck: true });
  if (!again.schema) throw new Error('loadSync');
  console.log('ok');
})().catch((error) => { console.error(error); process.exit(1); });
