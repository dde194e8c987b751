// The task module: reads the file it is named, relative to this folder.
import fs from 'node:fs';
export default ({ name }) => fs.readFileSync(new URL(`./input/${name}`, import.meta.url), 'utf8').trim();
