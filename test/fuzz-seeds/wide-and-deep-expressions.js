// Long chains and deep nesting that a recursive evaluator walks.
const fs = require('fs');
const path = require('path');
const many = 'p0' + 'p1' + 'p2' + 'p3' + 'p4' + 'p5' + 'p6' + 'p7' + 'p8' + 'p9' + 'p10' + 'p11' + 'p12' + 'p13' + 'p14' + 'p15' + 'p16' + 'p17' + 'p18' + 'p19';
fs.readFileSync(path.join(__dirname, many, many, many, many, many, many, many, many));
fs.readFileSync(((((((((((((((((((((__dirname)))))))))))))))))))) + '/deep');
fs.readFileSync(a ? b ? c ? d ? e ? '/1' : '/2' : '/3' : '/4' : '/5' : '/6');
const arr = [[[[[[[[[[['/nested']]]]]]]]]]];
fs.readFileSync(arr[0][0][0][0][0][0][0][0][0][0][0]);
let s = '/grow';
s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s; s = s + s;
fs.readFileSync(s);
