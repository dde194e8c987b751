// As its README and docs show: a logger on pino.destination(file); one on a transport (pino/file,
// in a worker thread) writing into a folder it makes; and one on a custom transport named relative
// to this file, which pino resolves from its caller, writing into custom/ (a folder of its own, so
// that no other grant covers its write by chance).
import pino from 'pino';
import fs from 'node:fs';
import path from 'node:path';
const logs = path.join(import.meta.dirname, 'logs');
const dest = pino.destination({ dest: path.join(logs, 'app.log'), sync: true });
pino(dest).info('hello');
for (const options of [
  { target: 'pino/file', options: { destination: path.join(logs, 'worker', 'app.log'), mkdir: true } },
  { target: './input/transport.mjs', options: { file: path.join(import.meta.dirname, 'custom', 'custom.log') } },
]) {
  const transport = pino.transport(options);
  const logger = pino(transport);
  logger.info('world');
  await new Promise((resolve) => logger.flush(resolve));
  transport.end();
}
// pino ends its transports' workers as the process exits; the files are whole then.
process.on('exit', () => {
  const app = fs.readFileSync(path.join(logs, 'app.log'), 'utf8');
  const worker = fs.readFileSync(path.join(logs, 'worker', 'app.log'), 'utf8');
  const custom = fs.readFileSync(path.join(import.meta.dirname, 'custom', 'custom.log'), 'utf8');
  if (!app.includes('hello') || !worker.includes('world') || !custom.includes('world')) throw new Error('pino');
  console.log('ok');
});
