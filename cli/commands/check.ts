// `generate-flags --check`: analyses the code as it is now and compares the result with each
// committed policy (the node commands of a package.json script, a policy file, node.config.json).
// Prints, per policy, the grants that are missing (with the code sites that need them) and
// those nothing needs any more, and what it opens that it must not (policy-risks.ts); exit 1 when
// any policy differs or grants write on everything, the disk, home or the project root.

import { escapeLines } from '../escape.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, PolicyError, type Diagnostic, type Evidence, type Report } from '../../lib/index.js';
import { factsFor, type NodeVersionFacts } from '../../lib/node-versions/index.js';
import { comparePolicy, policiesMatch, type PolicyComparison } from '../../lib/policy-compare.js';
import { policyFromFlags, type CommittedPolicy } from '../../lib/policy-file.js';
import { policyRisks } from '../../lib/policy-risks.js';
import { isPolicyOption, readScript, isNodeInvocation } from '../../lib/project/node-command.js';
import { analyzeScript, readPackageScript } from '../../lib/script/analyze-script.js';
import type { CommandIO } from '../command.js';
import { findPolicyFiles, readPolicyFile } from '../committed-policy.js';
import { diagnosticPrinter, renderDiagnostic } from '../render.js';
import type { CliOptions } from './generate-options.js';
import { analysisOptions } from './script-rewrite.js';
import { forOtherNodes } from '../written-output.js';
import { withHeapGrowthBounds } from '../heap-growth.js';

interface Checked {
  comparison: PolicyComparison;
  report: Report;
  /** Node 20 reads no config file, so a committed node.config.json grants nothing there. */
  configIgnored?: boolean;
  /** What the committed policy opens that it must not (lib/policy-risks.ts): an error fails the check. */
  risks: Diagnostic[];
}

const isDir = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** A path as the user wrote it: relative to the package root when inside it. */
function shown(flag: string, root: string): string {
  const eq = flag.indexOf('=');
  if (eq < 0) return flag;
  const p = flag.slice(eq + 1);
  if (p !== root && !p.startsWith(root + '/')) return flag;
  const rel = path.relative(root, p);
  return `${flag.slice(0, eq)}=./${rel}`;
}

/** A policy generated in another checkout: every committed path is outside this one, while the code needs paths inside it. */
function elsewhere(c: PolicyComparison, root: string): boolean {
  const paths = (list: { flag: string }[]) => list.filter((d) => d.flag.includes('=/')).map((d) => d.flag.slice(d.flag.indexOf('=') + 1));
  const inside = (p: string) => p === root || p.startsWith(root + '/');
  const committed = paths(c.unneeded);
  return committed.length > 0 && !committed.some(inside) && paths(c.missing).some(inside);
}

function renderEvidence(e: Evidence): string {
  const where = e.site ? ` at ${e.site.file}:${e.site.line}:${e.site.column}` : '';
  const what =
    e.reason === 'entry' ? 'the entry file' : e.reason === 'user' ? 'asked for with --read/--write' : e.reason === 'unresolved-fallback' ? `${e.api ?? 'an access'} whose path is unknown (project fallback)` : (e.api ?? e.reason);
  const pkg = e.package !== '.' ? ` (in ${e.package})` : '';
  return `${what}${where}${pkg}${e.detail && e.reason !== 'type-module' ? `: ${e.detail}` : ''}`;
}

function renderComparison(c: Checked, root: string): string {
  const { comparison } = c;
  const version = c.report.target.version;
  const risks = c.risks.map((d) => `  ${renderDiagnostic(d)}`);
  if (policiesMatch(comparison) && !c.configIgnored) {
    return [`${comparison.source}: matches what the code needs for Node ${version}`, ...risks].join('\n') + '\n';
  }
  const lines = [`${comparison.source}: does not match what the code needs for Node ${version}`];
  if (c.configIgnored) lines.push(`  Node ${c.report.target.major} does not read node.config.json: the app would run without the Permission Model`);
  else if (comparison.enable) {
    lines.push(
      comparison.enable.found === undefined
        ? `  the Permission Model is not switched on (needs ${comparison.enable.expected})`
        : `  switches the model on with ${comparison.enable.found}, which Node ${c.report.target.major} does not take; use ${comparison.enable.expected}`,
    );
  }
  if (comparison.missing.length) lines.push('  missing:');
  for (const m of comparison.missing) {
    lines.push(`    ${shown(m.flag, root)}`);
    const sites = [...new Set(m.evidence.map(renderEvidence))];
    for (const s of sites.slice(0, 5)) lines.push(`      needed by ${s}`);
    if (sites.length > 5) lines.push(`      and ${sites.length - 5} more`);
  }
  if (comparison.unneeded.length) lines.push('  no longer needed:');
  for (const u of comparison.unneeded) lines.push(`    ${shown(u.flag, root)}`);
  if (elsewhere(comparison, root)) {
    lines.push(`  note: the committed paths are absolute and none is in this project (${root}); was the policy generated in another folder?`);
  }
  return [...lines, ...risks].join('\n') + '\n';
}

/** The policy flags written on one node command of a script. */
function scriptPolicy(source: string, options: { name: string; value?: string }[], base: string): CommittedPolicy {
  const flags = options.filter((o) => isPolicyOption(o.name)).map((o) => (o.value === undefined ? o.name : `${o.name}=${o.value}`));
  return policyFromFlags(source, flags, base);
}

async function checkScript(options: CliOptions, name: string): Promise<Checked[]> {
  // The script is read by whichever Node engines.node allows, as --script wrote it (cli/written-output.ts).
  const analysis = await analyzeScript({ ...analysisOptions(forOtherNodes({ ...options, script: name })), script: name });
  return analysis.commands.map(({ invocation, report }) => {
    const source = analysis.commands.length > 1 ? `package.json script "${name}" (node … ${invocation.entry!.value})` : `package.json script "${name}"`;
    const base = path.resolve(analysis.root, invocation.command.cwd!);
    const committed = scriptPolicy(source, invocation.options, base);
    return { comparison: comparePolicy(report, committed, factsFor(report.target.version)!, isDir), report, risks: policyRisks(committed, report.project.root, os.homedir()) };
  });
}

/** Whether the start script's node commands carry policy flags (then it is a committed policy). */
function startScriptHasPolicy(cwd: string): boolean {
  try {
    const { text } = readPackageScript({ cwd, script: 'start' });
    return readScript(text).some((c) => isNodeInvocation(c) && c.options.some((o) => isPolicyOption(o.name)));
  } catch (e) {
    if (e instanceof PolicyError && e.code === 'SCRIPT_NOT_FOUND') return false;
    throw e;
  }
}

async function checkFiles(options: CliOptions, facts: (r: Report) => NodeVersionFacts, pick: 'given' | 'found'): Promise<Checked[]> {
  const report = await analyze(withHeapGrowthBounds({ ...analysisOptions(options), ...(options.entries.length > 0 ? { entries: options.entries } : {}) }));
  const f = facts(report);
  const files = pick === 'given' ? [readPolicyFile(options.policy!, options.cwd, f)] : findPolicyFiles(report.project.root, f);
  return files.map((file) => ({
    comparison: comparePolicy(report, file.policy, f, isDir),
    report,
    risks: policyRisks(file.policy, report.project.root, os.homedir()),
    ...(file.isConfig && !f.configFile.supported ? { configIgnored: true } : {}),
  }));
}

export async function runCheck(options: CliOptions, io: CommandIO): Promise<number> {
  const factsOf = (r: Report) => factsFor(r.target.version)!;
  let checked: Checked[];
  if (options.script !== undefined) checked = await checkScript(options, options.script);
  else if (options.policy !== undefined) checked = await checkFiles(options, factsOf, 'given');
  else {
    checked = [...(startScriptHasPolicy(options.cwd) ? await checkScript(options, 'start') : []), ...(await checkFiles(options, factsOf, 'found'))];
    if (checked.length === 0) {
      throw new PolicyError(
        'POLICY_NOT_FOUND',
        'no committed policy found: the start script carries no policy flags, and there is no permission.flags or node.config.json with a permission section in the package root',
        'write one first (generate-flags --script start --write, or -o permission.flags), or name it with --script NAME or --policy FILE',
      );
    }
  }
  let failed = false;
  const seen = new Set<Report>();
  const print = diagnosticPrinter(io, options);
  for (const c of checked) {
    if (!seen.has(c.report)) {
      seen.add(c.report);
      print(c.report.diagnostics);
      failed ||= c.report.diagnostics.some((d) => d.severity === 'error');
    }
    io.stdout(escapeLines(renderComparison(c, c.report.project.root)));
    failed ||= !policiesMatch(c.comparison) || Boolean(c.configIgnored) || c.risks.some((d) => d.severity === 'error');
  }
  return failed ? 1 : 0;
}
