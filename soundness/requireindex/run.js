// As its README shows: a folder's index.js that exports `requireindex(__dirname)` (every .js,
// .json and folder beside it but index.js and _-prefixed files), then requireindex of another
// folder with the basenames to take.
const path = require('path');
const requireindex = require('requireindex');
const lib = require('./input/lib');
if (lib.one !== 'one' || lib.two.two !== 2 || lib.nested.deep !== 'deep' || '_private' in lib || 'readme' in lib) throw new Error(JSON.stringify(lib));
const picked = requireindex(path.join(__dirname, 'input', 'picked'), ['a']);
if (picked.a !== 'a' || 'b' in picked) throw new Error(JSON.stringify(picked));
console.log('ok');
