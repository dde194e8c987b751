require('fs').writeFileSync(process.argv[2], 'from child');
