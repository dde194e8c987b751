// As pnpm uses it for its `cafile` setting: readCAFileSync of a bundle of two certificates (one
// line ending CRLF), then of a missing file, which answers undefined.
import path from 'node:path';
import { readCAFileSync } from '@pnpm/network.ca-file';
const dir = path.join(import.meta.dirname, 'input');
const cas = readCAFileSync(path.join(dir, 'ca.pem'));
if (cas?.length !== 2 || !cas[1].startsWith('-----BEGIN')) throw new Error(JSON.stringify(cas));
if (readCAFileSync(path.join(dir, 'missing.pem')) !== undefined) throw new Error('missing');
console.log('ok');
