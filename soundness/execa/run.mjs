import { execa } from 'execa';
const { stdout } = await execa(process.execPath, ['-e', 'console.log(6*7)']);
if (stdout !== '42') throw new Error(stdout);
console.log('ok');
