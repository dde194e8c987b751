import { compile } from '@tailwindcss/node';
import fs from 'node:fs';
import path from 'node:path';
const base = path.join(import.meta.dirname, 'input');
const deps = [];
const compiler = await compile(fs.readFileSync(path.join(base, 'app.css'), 'utf8'), { base, onDependency: (p) => deps.push(p) });
const css = compiler.build(['p-2', 'demo']);
if (!css.includes('padding: calc(var(--spacing) * 2)') || !css.includes('color: red') || deps.length < 2) throw new Error(`@tailwindcss/node: ${css}`);
console.log('ok');
