const fs = require('fs');
directory('out');
desc('Copies a.txt into out/.');
file('out/b.txt', ['a.txt', 'out'], function () {
  fs.writeFileSync('out/b.txt', fs.readFileSync('a.txt'));
});
task('default', ['out/b.txt'], { async: true }, function () {
  jake.exec(['echo built'], { printStdout: true }, complete);
});
