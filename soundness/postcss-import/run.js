// As its README: postcss().use(atImport({ path })).process(css, { from }).
const fs = require('fs');
const path = require('path');
const postcss = require('postcss');
const atImport = require('postcss-import');
const from = path.join(__dirname, 'input', 'main.css');
postcss()
  .use(atImport({ path: [path.join(__dirname, 'input', 'shared')] }))
  .process(fs.readFileSync(from, 'utf8'), { from })
  .then((result) => {
    if (!['.a', '.b', '.c'].every((s) => result.css.includes(s)) || result.css.includes('@import')) throw new Error('postcss-import');
    console.log('ok');
  });
