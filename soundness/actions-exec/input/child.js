require('fs').writeFileSync(require('path').join(process.cwd(), 'child-wrote.txt'), process.argv[2]);
console.log('child ran');
