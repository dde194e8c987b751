// As its README shows: readdirGlob(root, { pattern }) walks input/ and emits each match.
const path = require('path');
const readdirGlob = require('readdir-glob');
const found = [];
const globber = readdirGlob(path.join(__dirname, 'input'), { pattern: '**/*.txt', stat: true });
globber.on('match', (m) => found.push(m.relative));
globber.on('error', (err) => { throw err; });
globber.on('end', () => {
  if (found.sort().join() !== 'a.txt,sub/b.txt') throw new Error(found.join());
  console.log('ok');
});
