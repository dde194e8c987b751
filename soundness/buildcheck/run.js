// As its README shows: a BuildEnvironment (it finds the C compiler), checkFunction, checkHeader,
// tryCompile of a program that compiles and of one that does not (each writes the source to a
// temp file and starts the compiler on it), and the defines it gathered.
const BuildEnvironment = require('buildcheck');
const env = new BuildEnvironment();
if (env.checkFunction('c', 'printf') !== true) throw new Error('function');
if (env.checkHeader('c', 'stdio.h') !== true) throw new Error('header');
if (env.tryCompile('c', 'int main() { return 0; }') !== true) throw new Error('compile');
if (!(env.tryCompile('c', 'int main() { return nope; }') instanceof Error)) throw new Error('no compile');
if (!Array.isArray(env.defines('c'))) throw new Error('defines');
console.log('ok');
