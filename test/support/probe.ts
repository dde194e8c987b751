// The probe: something the app does not need, tried under the app's own flags with `node -e`.
// It proves the policy is least-privilege, not just sufficient. The script prints one line,
// `PROBE_ALLOWED` or `PROBE_ERROR <code>`, so a probe that succeeds (or fails for another reason,
// say ENOENT) is told apart from a real denial. The script is one line with double quotes only,
// so the command printed on failure can be pasted into a shell as it is.
import * as path from 'node:path';
import type { ProbeKind } from './fixture-case.js';

export interface Probe {
  kind: ProbeKind;
  /** For read/write: the path relative to the app. */
  path: string;
}

/** The error code a denied probe must report. */
export function expectedProbeCode(kind: ProbeKind): string {
  // Addons are refused by the loader, not by a permission check, hence their own code.
  return kind === 'addon' ? 'ERR_DLOPEN_DISABLED' : 'ERR_ACCESS_DENIED';
}

/** Why a probe cannot run on a target, or null when it can. */
export function probeSkipReason(kind: ProbeKind, major: number): string | null {
  if (kind === 'net' && major < 25) return `network is not gated before Node 25 (target ${major})`;
  return null;
}

/** The action, as an expression or statements that throw when denied. */
function action(probe: Probe, appDir: string): string {
  const target = JSON.stringify(path.join(appDir, probe.path));
  switch (probe.kind) {
    case 'read':
      return `require("node:fs").readFileSync(${target}); allowed();`;
    case 'write':
      return `require("node:fs").writeFileSync(${target}, "probe"); allowed();`;
    case 'spawn':
      // 20 and 23 report an empty resource, 22+ the command; the code is ERR_ACCESS_DENIED on all.
      return `require("node:child_process").spawnSync("true"); allowed();`;
    case 'worker':
      return `new (require("node:worker_threads").Worker)("1", { eval: true }); allowed();`;
    case 'net':
      // A denied listen() throws from a later tick, never as an 'error' event: the
      // uncaughtException handler below is what sees it.
      return `require("node:net").createServer().listen(0, "127.0.0.1", allowed);`;
    case 'addon':
      // A path that does not exist: with addons allowed this fails differently (ERR_DLOPEN_FAILED).
      return `process.dlopen({ exports: {} }, ${JSON.stringify(path.join(appDir, 'no-such-addon.node'))}); allowed();`;
  }
}

/** The `-e` program for a probe. Exits 0 only when the action was allowed. */
export function probeScript(probe: Probe, appDir: string): string {
  return [
    `const allowed = () => { console.log("PROBE_ALLOWED"); process.exit(0); };`,
    `const denied = (e) => { console.log("PROBE_ERROR " + (e && e.code)); process.exit(3); };`,
    `process.on("uncaughtException", denied);`,
    `try { ${action(probe, appDir)} } catch (e) { denied(e); }`,
  ].join(' ');
}

/** What the probe reported: the error code, 'allowed', or null when it printed neither. */
export function probeOutcome(stdout: string): string | null {
  const match = /^PROBE_(ALLOWED|ERROR (\S+))$/m.exec(stdout);
  if (!match) return null;
  return match[2] ?? 'allowed';
}
