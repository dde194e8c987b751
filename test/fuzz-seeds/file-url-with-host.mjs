// file: URLs Node refuses before touching the disk (a host, an encoded slash): nothing to grant,
// and the analysis must not throw on them (fileURLToPath does).
import { readFileSync } from 'node:fs';
readFileSync(new URL('file://example.com/etc/passwd'));
readFileSync(new URL('file:///srv/a%2Fb'));
await import('file://host/x.mjs');
new Worker(new URL('file://host/w.js'));
