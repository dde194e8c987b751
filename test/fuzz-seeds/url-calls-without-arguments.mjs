// URL helpers called with nothing: Node throws at run time, the analysis must not.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
readFileSync(new URL());
readFileSync(fileURLToPath());
readFileSync(pathToFileURL());
readFileSync(new URL(...[]));
