// The report of `generate-flags verify`: what the run was, the accesses the policy misses (as
// `--check` shows a missing grant: the flag, the API, the code site), information about
// accesses outside the project's code, and grants the run never used. Returns strings only.

import * as path from 'node:path';
import type { VerifyAccess, VerifyOutcome } from '../lib/verify/index.js';

export interface VerifyReport extends VerifyOutcome {
  schemaVersion: 1;
  tool: { name: 'node-permission-policy'; version: string };
  command: string[];
  /** Absolute project root: paths inside it are shown relative in the text form. */
  root: string;
  node: { path: string; version: string };
  /** The policy checked: a file, or `generated now`. */
  policy: { source: string };
  /** How the command ended. */
  exit: { code: number | null; signal: string | null };
  /** Recorder lines that could not be read (a process killed mid-write). */
  skippedRecords: number;
}

/** A flag with its path relative to the root when inside it, as --check shows it. */
function shown(flag: string, root: string): string {
  const eq = flag.indexOf('=');
  if (eq < 0) return flag;
  const p = flag.slice(eq + 1);
  if (p !== root && !p.startsWith(root + '/')) return flag;
  return `${flag.slice(0, eq)}=./${path.relative(root, p)}`;
}

const statusText: Record<VerifyAccess['status'], string> = {
  silent: 'SILENT MISS: the analysis did not report this site (make it a test)',
  reported: 'known unknown',
  stale: 'the analysis grants it now: regenerate the policy',
  outside: 'not the project\'s code',
  absent: 'a probe of a path that does not exist',
};

function accessLines(a: VerifyAccess, root: string): string[] {
  const pkg = a.package && a.package !== '.' ? ` (${a.package})` : '';
  const where = a.site ? ` at ${a.site}${pkg}` : ' (no frame in the project)';
  const why = a.status === 'reported' && a.reportedBy ? `${statusText.reported}: ${a.reportedBy.code} at ${a.reportedBy.site}` : statusText[a.status] + (a.note ? `: ${a.note}` : '');
  return [`    ${shown(a.flag, root)}`, `      ${a.api ?? 'asked'}${where}`, `      ${why}`];
}

function exitText(exit: VerifyReport['exit']): string {
  return exit.signal ? `was ended by ${exit.signal}` : `exited with ${exit.code}`;
}

export function renderVerifyText(r: VerifyReport): string {
  const c = r.counts;
  const lines = [
    `generate-flags verify: \`${r.command.join(' ')}\` ${exitText(r.exit)} on Node ${r.node.version} in audit mode`,
    `  policy: ${r.policy.source}`,
    `  ${c.observed} distinct accesses checked by the Permission Model: ${c.granted} granted, ${r.missing.length} missing` +
      ` (${c.silent} silent, ${c.reported} reported as unresolved, ${c.stale} stale), ${c.outside + c.absent} for information`,
  ];
  if (r.missing.length) lines.push('  missing:', ...r.missing.flatMap((a) => accessLines(a, r.root)));
  if (r.information.length) lines.push('  information (not counted as missing):', ...r.information.flatMap((a) => accessLines(a, r.root)));
  if (r.unused.length) lines.push('  grants the run never used (information: this run may not take every path):', ...r.unused.map((f) => `    ${shown(f, r.root)}`));
  if (r.skippedRecords) lines.push(`  ${r.skippedRecords} recorded lines could not be read (a process ended mid-write)`);
  if (!r.missing.length) lines.push('  nothing missing on the paths this run took');
  return lines.join('\n') + '\n';
}

export function renderVerifyJson(r: VerifyReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
