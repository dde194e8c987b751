// A custom transport, as pino's docs show one: a function of its options returning a stream; pino
// runs it in a worker thread. It appends each line to options.file.
import fs from 'node:fs';
import { Writable } from 'node:stream';

export default function transport(options) {
  return new Writable({
    write(chunk, encoding, callback) {
      fs.appendFileSync(options.file, chunk);
      callback();
    },
  });
}
