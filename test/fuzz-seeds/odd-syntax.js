#!/usr/bin/env node
// Syntax the walker must know: labels, with, getters, classes with private and static parts,
// generators, optional chaining, tagged templates, sequence and comma expressions.
'use strict';
const fs = require('fs');
outer: for (const a of [1, 2]) { for (;;) { if (a) continue outer; break outer; } }
class Store extends Object { #dir = __dirname; static #count = 0; static { Store.#count++; } get file() { return this.#dir + '/store'; } read() { return fs.readFileSync(this.file); } }
new Store().read();
function* walk(d) { yield d; yield* walk(d + '/x'); }
for (const p of walk('/w')) { fs.readFileSync(p); break; }
fs?.readFileSync?.(`${__dirname}/opt`);
String.raw`${fs.readFileSync('/tagged')}`;
(0, fs.readFileSync)('/seq');
const { [`read${'FileSync'}`]: computed } = fs;
computed('/computed');
