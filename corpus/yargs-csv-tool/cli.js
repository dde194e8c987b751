#!/usr/bin/env node
'use strict';
// Sums a CSV column; yargs names the input file and the output folder, both with defaults.
const yargs = require('yargs/yargs');
const { hideBin } = require('yargs/helpers');
const fs = require('node:fs');
const path = require('node:path');

const argv = yargs(hideBin(process.argv))
  .option('input', { alias: 'i', type: 'string', default: 'data/sales.csv', describe: 'CSV file to sum' })
  .option('out-dir', { alias: 'o', type: 'string', default: 'build', describe: 'folder for the summary' })
  .strict()
  .parse();

const rows = fs.readFileSync(argv.input, 'utf8').trim().split('\n').slice(1);
const total = rows.reduce((sum, row) => sum + Number(row.split(',')[1]), 0);
fs.mkdirSync(argv.outDir, { recursive: true });
fs.writeFileSync(path.join(argv.outDir, 'total.txt'), `${total}\n`);
console.log('ok');
