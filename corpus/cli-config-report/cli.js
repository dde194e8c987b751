#!/usr/bin/env node
'use strict';
const { program } = require('commander');
const fs = require('node:fs');
const path = require('node:path');

program
  .name('word-report')
  .option('-c, --config <file>', 'configuration file', 'report.config.json')
  .option('-o, --out <dir>', 'output folder', 'out')
  .parse();

const options = program.opts();
const config = JSON.parse(fs.readFileSync(options.config, 'utf8'));
const counts = config.inputs.map((file) => {
  const words = fs.readFileSync(path.join('input', file), 'utf8').split(/\s+/).filter(Boolean);
  return `${file}: ${words.length}`;
});
fs.mkdirSync(options.out, { recursive: true });
fs.writeFileSync(path.join(options.out, 'report.txt'), `${config.title}\n${counts.join('\n')}\n`);
console.log('ok');
