'use strict';
const nunjucks = require('nunjucks');
const fs = require('node:fs');
const path = require('node:path');

const env = nunjucks.configure(path.join(__dirname, 'templates'), { autoescape: true });
const html = env.render('page.njk', { title: 'Release notes', items: ['faster', 'smaller'] });

const outDir = path.join(__dirname, 'dist');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'index.html'), html);
if (!html.includes('<li>smaller</li>') || !html.includes('<title>Release notes</title>')) throw new Error('unexpected page');
console.log('ok');
