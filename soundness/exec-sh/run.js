// As its README shows: execSh(command, options, callback) through `sh -c` with its output
// captured (options true), an array of commands joined with `;` in another working folder, a
// failing command (its exit code in the error), and the promise form.
const path = require('path');
const execSh = require('exec-sh');
const input = path.join(__dirname, 'input');
execSh('echo one && ls', true, (err, stdout) => {
  if (err || !stdout.includes('one')) throw err || new Error(stdout);
  execSh(['echo two', 'cat note.txt'], { cwd: input, stdio: null }, (err2, out2) => {
    if (err2 || !out2.includes('a note')) throw err2 || new Error(out2);
    execSh('exit 3', true, async (err3) => {
      if (!err3 || err3.code !== 3) throw new Error('exit code');
      const { stdout: promised } = await execSh.promise('echo three', true);
      if (promised.trim() !== 'three') throw new Error(promised);
      console.log('ok');
    });
  });
});
