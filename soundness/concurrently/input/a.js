// A command: writes a file in its working folder.
require('fs').writeFileSync('a.txt', 'a');
