if (process.env.GREETING !== 'hi') throw new Error('env'); require('fs').writeFileSync(require('path').join(__dirname, '..', 'out.txt'), process.env.GREETING);
