import { x } from 'tinyexec';
const result = await x(process.execPath, ['-e', 'console.log(6 * 7)']);
if (result.stdout.trim() !== '42') throw new Error(result.stdout);
console.log('ok');
