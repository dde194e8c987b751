import { execa } from 'execa';

const { stdout } = await execa('echo', ['hello from execa']);
const lines = await execa({ shell: true })`printf 'b\na\n' | sort`;
if (stdout !== 'hello from execa' || lines.stdout !== 'a\nb') throw new Error('unexpected output');
console.log('ok');
