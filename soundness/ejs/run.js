const ejs = require('ejs');
const path = require('path');
ejs.renderFile(path.join(__dirname, 'input', 'pages', 'page.ejs'), { title: 'T' }, (err, html) => {
  if (err) throw err;
  if (html !== '<h1>T</h1>\n<li>a</li>\n\n') throw new Error(`ejs: ${JSON.stringify(html)}`);
  console.log('ok');
});
