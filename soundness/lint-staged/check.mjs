// The task: records each file it is given (a linter would read them).
import fs from 'node:fs';
for (const file of process.argv.slice(2)) fs.appendFileSync('checked.txt', `${file}\n`);
