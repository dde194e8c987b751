// Bindings that refer to themselves or to each other: folding must stop, not loop.
const fs = require('fs');
let a = b;
var b = a + '/x';
const c = c2 => c(c2);
function loop(p) { return loop(p + '/'); }
fs.readFileSync(a);
fs.readFileSync(loop(__dirname));
fs.readFileSync(c('x'));
x = x + x;
fs.writeFileSync(x, '');
