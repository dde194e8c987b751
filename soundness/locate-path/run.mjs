import { locatePathSync } from 'locate-path';
const found = locatePathSync(['missing.txt', 'input/a.txt'], { cwd: import.meta.dirname });
if (found !== 'input/a.txt') throw new Error(`found ${found}`);
console.log('ok');
