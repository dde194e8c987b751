import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const dataFile = (name: string): string => path.join(root, 'data', name);
export const outFile = (name: string): string => path.join(root, 'out', name);
