import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { marked } from 'marked';

const contentDir = join(import.meta.dirname, 'content');
const distDir = join(import.meta.dirname, 'dist');

mkdirSync(distDir, { recursive: true });
const pages = readdirSync(contentDir).filter((name) => name.endsWith('.md'));
for (const name of pages) {
  const { data, content } = matter(readFileSync(join(contentDir, name), 'utf8'));
  const html = `<!doctype html><title>${data.title}</title>\n${marked.parse(content)}`;
  writeFileSync(join(distDir, name.replace(/\.md$/, '.html')), html);
}
const about = readFileSync(join(distDir, 'about.html'), 'utf8');
if (pages.length !== 2 || !about.includes('<strong>small</strong>')) throw new Error('unexpected output');
console.log('ok');
