import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Severity, label } from './severity.js';
import { dataFile, outFile } from '@lib/paths';

interface Finding {
  rule: string;
  severity: Severity;
}

const findings: Finding[] = JSON.parse(readFileSync(dataFile('findings.json'), 'utf8'));
const lines = findings.map((f) => `${label(f.severity)} ${f.rule}`);
mkdirSync(outFile('.'), { recursive: true });
writeFileSync(outFile('report.txt'), lines.join('\n') + '\n');
console.log(lines.length === 2 && lines[0] === 'error no-eval' ? 'ok' : `wrong: ${lines.join(', ')}`);
