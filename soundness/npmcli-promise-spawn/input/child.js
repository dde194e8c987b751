// The child: writes its argument (relative to its working folder) and says so.
require('fs').writeFileSync(process.argv[2], 'x');
console.log('written');
