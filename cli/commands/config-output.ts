// `--format config -o node.config.json` onto an existing file: the permission section is merged
// in (lib/emit/config-merge.ts) so the file's other settings survive; a new file is written as is.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeConfig } from '../../lib/emit/config-merge.js';

export function withExistingConfig(file: string, output: string): string {
  let existing: string;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch {
    return output;
  }
  if (existing.trim() === '') return output;
  return mergeConfig(existing, JSON.parse(output) as Record<string, unknown>, path.basename(file));
}
