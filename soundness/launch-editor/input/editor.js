// The "editor": records the file it was asked to open.
require('fs').writeFileSync(require('path').join(__dirname, '..', 'out.txt'), process.argv.slice(2).join(' '));
