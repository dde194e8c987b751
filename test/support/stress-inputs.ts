// Generated hostile inputs, by shape and size: the stress part of the fuzz test
// (test/fuzz.test.ts) and test/hostile-input.test.ts analyse them. Each shape is small text
// that once crashed the analysis, aborted V8 or grew without bound; none is committed as a
// file, so the inputs stay a few lines of code however large `n` makes them.

/** A project: paths relative to its root, and their text. */
export type Files = Record<string, string>;

const pkg = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'stress', version: '1.0.0', main: 'index.js', ...extra });

/**
 * An entry that loads `deep.js` (the shape) and reads `data.txt` itself, so a test can check
 * that the rest of the project is still analysed whatever happens to the shape.
 */
function withShape(shape: string, extra: Files = {}, manifest?: Record<string, unknown>): Files {
  return {
    'package.json': pkg(manifest),
    'index.js': "const fs = require('fs');\nrequire('./deep.js');\nfs.readFileSync(__dirname + '/data.txt');\n",
    'deep.js': `const fs = require('fs');\n${shape}\n`,
    'data.txt': 'x',
    ...extra,
  };
}

const repeat = (n: number, f: (i: number) => string, sep = '\n') => Array.from({ length: n }, (_, i) => f(i)).join(sep);

/** The shapes, each a function of its size. `n` is roughly the nesting depth or line count. */
export const stressShapes: Record<string, (n: number) => Files> = {
  // Nesting that recursive descent follows one frame (or more) per level.
  'nested templates': (n) => withShape(`fs.readFileSync(${'`${'.repeat(n)}'x'${'}`'.repeat(n)});`),
  'nested ifs': (n) => withShape(`${'if (a) {'.repeat(n)}fs.readFileSync('/a');${'}'.repeat(n)}`),
  'nested calls': (n) => withShape(`fs.readFileSync(${'f('.repeat(n)}'x'${')'.repeat(n)});`),
  'nested arrays': (n) => withShape(`fs.readFileSync(${'['.repeat(n)}'x'${']'.repeat(n)});`),
  'nested functions': (n) => withShape(`${'function f() {'.repeat(n)}fs.readFileSync('/a');${'}'.repeat(n)}`),
  'nested arrows': (n) => withShape(`const g = ${'() => '.repeat(n)}fs.readFileSync('/a');`),
  'nested objects': (n) => withShape(`const o = ${'{ a: '.repeat(n)}'/a'${' }'.repeat(n)};\nfs.readFileSync(o${'.a'.repeat(Math.min(n, 50))});`),
  'nested conditionals': (n) => withShape(`fs.readFileSync(${repeat(n, (i) => `c${i} ? '/a${i}' :`, ' ')} '/z');`),
  // Chains a loop walks: long, but not deep.
  'member chain': (n) => withShape(`fs.readFileSync(a${'.b'.repeat(20 * n)});`),
  'promise chain': (n) => withShape(`fs.promises.readFile('/a')${'.then((x) => x)'.repeat(n)};`),
  'else-if chain': (n) => withShape(`${repeat(n, (i) => `if (x === ${i}) { fs.readFileSync('/a${i % 7}'); }`, ' else ')}`),
  'logical chain': (n) => withShape(`fs.readFileSync(a${' || b'.repeat(n)});`),
  'binary chain': (n) => withShape(`fs.readFileSync('/a'${" + 'b'".repeat(n)});`),
  'statements': (n) => withShape(repeat(n, (i) => `const v${i} = require('path').join(__dirname, 'f${i % 50}.txt'); fs.readFileSync(v${i});`)),
  // Values that grow faster than the text.
  'doubling assignments': (n) => withShape(`let a = 'x';\n${repeat(n, () => 'a = a + a;')}\nfs.readFileSync(a);`),
  'doubling constants': (n) => withShape(`const a0 = 'xy';\n${repeat(n, (i) => `const a${i + 1} = a${i} + a${i};`)}\nfs.readFileSync(a${n});`),
  'multiplying templates': (n) => withShape(`const a0 = 'xy';\n${repeat(n, (i) => `const a${i + 1} = \`${`\${a${i}}`.repeat(8)}\`;`)}\nfs.readFileSync(a${n});`),
  'multiplying joins': (n) => withShape(`const path = require('path');\nconst a0 = 'xy';\n${repeat(n, (i) => `const a${i + 1} = path.join(${`a${i}, `.repeat(8)}'z');`)}\nfs.readFileSync(a${n});`),
  'alternatives product': (n) => withShape(`const a0 = c ? '/x' : '/y';\n${repeat(n, (i) => `const a${i + 1} = a${i} + (c${i} ? '/p' : '/q');`)}\nfs.readFileSync(a${n});`),
  'shared arrays': (n) => withShape(`const a0 = ['/x'];\n${repeat(n, (i) => `const a${i + 1} = [${`a${i}, `.repeat(40)}];`)}\nmodule.exports = a${n};\nrequire('dep').use(a${n});`, depFiles()),
  'shared objects': (n) => withShape(`const a0 = { p: '/x' };\n${repeat(n, (i) => `const a${i + 1} = { ${repeat(40, (j) => `k${j}: a${i}`, ', ')} };`)}\nmodule.exports = a${n};\nrequire('dep').use(a${n});`, depFiles()),
  // Manifests.
  'import cycle': (n) => withShape(`${repeat(n, (i) => `require('#a${i}');`)}`, {}, { imports: Object.fromEntries(Array.from({ length: n }, (_, i) => [`#a${i}`, `#a${(i + 1) % n}`])) }),
  // 50 levels per unit of n: a package.json nested 50,000 deep at n = 1,000.
  'deep exports': (n) => ({ ...withShape("require('dep');\nrequire('dep/sub');"), ...depFiles(`{".":${'{"require":'.repeat(50 * n)}"./index.js"${'}'.repeat(50 * n)},"./sub":${'['.repeat(50 * n)}"./index.js"${']'.repeat(50 * n)}}`) }),
  'deep manifest': (n) => ({ ...withShape(''), 'package.json': `{"name":"stress","exports":{".":${'{"default":'.repeat(50 * n)}"./index.js"${'}'.repeat(50 * n)}},"x":${'['.repeat(50 * n)}${']'.repeat(50 * n)}}` }),
  'wide manifest': (n) => withShape("require('dep/k7');", depFiles(JSON.stringify({ ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`./k${i}`, `./index.js`])), './p/*': './*.js' }))),
};

/** A dependency `dep` whose `use(x)` reads what it is given, with the given "exports" text. */
function depFiles(exportsText?: string): Files {
  return {
    'node_modules/dep/package.json': exportsText === undefined ? '{"name":"dep","main":"index.js"}' : `{"name":"dep",${`"exports":${exportsText}`}}`,
    'node_modules/dep/index.js': "const fs = require('fs');\nexports.use = (x) => fs.readFileSync(x[0][0][0]);\n",
  };
}
