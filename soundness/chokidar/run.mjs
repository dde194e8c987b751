import { watch } from 'chokidar';
import fs from 'node:fs';
import path from 'node:path';
const dir = path.join(import.meta.dirname, 'watched');
const watcher = watch(dir, { ignoreInitial: true });
const timer = setTimeout(() => { console.error('no add event'); process.exit(1); }, 5000);
watcher.on('ready', () => fs.writeFileSync(path.join(dir, 'new.txt'), 'n'));
watcher.on('add', async () => { clearTimeout(timer); await watcher.close(); console.log('ok'); });
