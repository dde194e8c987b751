'use strict';
const path = require('path');
const fse = require('fs-extra');

const root = __dirname;
const out = path.join(root, 'build');

async function main() {
  const page = await fse.readJson(path.join(root, 'content', 'home.json'));
  await fse.emptyDir(out);
  await fse.copy(path.join(root, 'assets'), path.join(out, 'assets'));
  await fse.outputFile(path.join(out, 'index.html'), `<h1>${page.title}</h1><ul>${page.items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
  await fse.outputJson(path.join(out, 'manifest.json'), { pages: ['index.html'], assets: ['assets/css/site.css'] }, { spaces: 2 });
  const written = await fse.pathExists(path.join(out, 'assets', 'css', 'site.css'));
  console.log(written ? 'ok' : 'missing assets');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
