// As its README shows for required use: nodemon({ script }) runs the script, restarts it when a
// file it watches changes, and stops on 'quit'. Its working folder is input/app, whose
// nodemon.json names what to watch; `node` is found on PATH, first the folder of this Node.
// Only the script writes its log (input/app/log), so no grant the app's own code makes covers it.
const fs = require('fs');
const path = require('path');
const app = path.join(__dirname, 'input', 'app');
process.env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`;
fs.writeFileSync(path.join(app, 'data.json'), '{ "n": 0 }\n');
process.chdir(app);
const nodemon = require('nodemon');
let exits = 0;
nodemon({ script: 'server.js', stdout: false })
  .on('exit', () => {
    exits += 1;
    if (exits === 1) setTimeout(() => fs.writeFileSync(path.join(app, 'data.json'), '{ "n": 1 }\n'), 300);
    else nodemon.emit('quit');
  })
  .on('quit', () => {
    const runs = fs.readFileSync(path.join(app, 'log', 'runs.txt'), 'utf8');
    if (runs !== '0\n1\n') throw new Error(runs);
    console.log('ok');
    process.exit(0);
  });
