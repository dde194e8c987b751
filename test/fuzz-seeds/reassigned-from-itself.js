// A binding whose writes read the binding itself (fast-glob's `patterns = patterns.map(...)`).
// Folding re-folded every write at every read: three lines took minutes before the evaluator
// stopped at a binding met inside its own folding.
const fs = require('fs');
let patterns = ['a'];
patterns = patterns.map((p) => p + '/x');
patterns = patterns.map((p) => p + '/y');
patterns = patterns.map((p) => p + '/z');
patterns = patterns.filter((p) => p.length > 1);
fs.readFileSync(patterns[0]);
let dir = __dirname;
dir = dir + '/a';
dir = dir + '/b';
dir = dir + '/c';
fs.readFileSync(dir);
