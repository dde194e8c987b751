// `generate-flags --explain`: every grant, in summary (one line each with counts, see
// explain-summary.ts) or with --explain=full with the code sites behind it (file:line:col, the
// source line, the package), every unresolved access with why it is unresolved, what the policy
// did about it and what the user can do, then the per-package inventory. Returns text; the
// source lines are read here, at render time, because the report keeps only sites.

import * as path from 'node:path';
import { broadPrefixText, type Evidence, type GrantReason, type Policy, type Report, type Unresolved, type UnknownReason } from '../lib/index.js';
import { booleanCapabilities } from '../lib/capabilities.js';
import { formatSite } from '../lib/site.js';
import { packageLabel, renderPackageTable, shownPath } from './explain-packages.js';
import { columns, count } from './explain-style.js';
import { renderSummary } from './render.js';
import type { ExplainContext } from './explain-context.js';
import { pathSummary, summaryRows } from './explain-summary.js';

export type { ExplainContext } from './explain-context.js';

/** Short words for a grant reason, in the first column of an evidence row. */
const reasonLabels: Partial<Record<GrantReason, string>> = {
  api: 'calls',
  'module-load': 'loads',
  'package-json': 'resolves',
  'type-module': 'type-module',
  entry: 'entry',
  user: 'option',
  'unresolved-fallback': 'fallback',
  model: 'model',
  observed: 'observed',
};

/** Evidence without repeats (a folder grant can absorb the same site twice). */
function distinct(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.reason}|${e.site ? formatSite(e.site) : ''}|${e.api ?? ''}|${e.package}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** What an evidence row says when there is no call site. */
function sitelessText(e: Evidence): string {
  if (e.reason === 'entry') return 'the entry file';
  if (e.reason === 'user') return 'asked for on the command line';
  return e.detail ?? '';
}

/** One aligned row per evidence (reason, site, API, package), each followed by its source line and call chain. */
export function renderEvidence(ctx: ExplainContext, evidence: Evidence[], indent: string): string[] {
  const { style, source } = ctx;
  const list = distinct(evidence);
  const rows = list.map((e) => [
    style.dim(reasonLabels[e.reason] ?? e.reason),
    e.site ? formatSite(e.site) : style.dim(sitelessText(e)),
    e.api ?? '',
    packageLabel(e.package),
  ]);
  const out: string[] = [];
  columns(rows, indent).forEach((line, i) => {
    out.push(line);
    const e = list[i]!;
    const text = e.site ? source.at(e.site) : undefined;
    if (text) out.push(`${indent}    ${style.dim(text)}`);
    if (e.via && e.via.length > 0) out.push(`${indent}    ${style.dim(`via ${e.via.map(formatSite).join(' → ')}`)}`);
    if (e.detail && e.site) out.push(`${indent}    ${style.dim(e.detail)}`);
  });
  return out;
}

/** Why a capability the code needs has no flag on the target, from the target diagnostics. */
function missingFlagNote(report: Report, capability: string): string {
  const d = report.diagnostics.find((x) => (x.code === 'CAPABILITY_NOT_GATED' || x.code === 'CAPABILITY_UNAVAILABLE') && (x.args as { capability?: string }).capability === capability);
  if (d?.code === 'CAPABILITY_NOT_GATED') return `Node ${report.target.major} does not restrict it, so there is no flag`;
  if (d?.code === 'CAPABILITY_UNAVAILABLE') return `Node ${report.target.major} cannot allow it under the Permission Model`;
  return `no flag on Node ${report.target.major}`;
}

function renderGrants(ctx: ExplainContext): string[] {
  const { report, style } = ctx;
  const out: string[] = [];
  for (const [scope, flag, grants] of [
    ['fs.read', '--allow-fs-read', report.policy.fsRead],
    ['fs.write', '--allow-fs-write', report.policy.fsWrite],
  ] as const) {
    if (grants.length === 0) continue;
    out.push(`${style.bold(scope)} ${style.dim(`(${flag}, ${count(grants.length, 'path')})`)}`);
    if (!ctx.full) {
      out.push(...pathSummary(ctx, grants), '');
      continue;
    }
    for (const g of grants) {
      out.push(`  ${style.cyan(shownPath(report.project.root, g.path))}${g.path.endsWith('/*') || g.path === '*' ? style.dim('  folder and everything below') : ''}`);
      out.push(...renderEvidence(ctx, g.evidence, '    '));
    }
    out.push('');
  }
  for (const { capability, policyKey, flag } of booleanCapabilities) {
    const grant = report.policy[policyKey];
    if (!grant.granted) continue;
    const flagged = report.flags.includes(flag);
    out.push(`${style.bold(capability)} ${style.dim(`(${flag})`)}` + (flagged ? '' : `  ${style.yellow(missingFlagNote(report, capability))}`));
    out.push(...(ctx.full ? renderEvidence(ctx, grant.evidence, '    ') : summaryRows(ctx, [{ label: style.dim('needed at'), evidence: grant.evidence }], '  ')));
    out.push('');
  }
  const notGranted = booleanCapabilities.filter(({ policyKey }) => !report.policy[policyKey].granted).map(({ capability }) => capability);
  if (notGranted.length > 0) out.push(`${style.dim('Not needed:')} ${notGranted.join(', ')}`, '');
  return out;
}

const reasonPhrases: Partial<Record<UnknownReason, (name?: string) => string>> = {
  parameter: (n) => `it comes from ${n ? `the parameter ${n}` : 'a parameter'} of a function that no call gives a known value`,
  'env-unbound': (n) => `it reads process.env${n ? `.${n}` : ''}, which has no value: none was given with --env`,
  'computed-member': () => 'it picks a property chosen at run time (obj[key])',
  'call-result': (n) => `it is the result of a call the analysis does not model${n ? ` (${n})` : ''}`,
  reassigned: (n) => `${n ? `the variable ${n}` : 'a variable'} is assigned in ways the analysis does not follow`,
  'unsupported-expression': () => 'it is an expression the analysis does not fold',
  global: (n) => `${n ?? 'a global'} is only known at run time`,
  imported: () => 'it is a value imported from another module',
  'loop-variable': (n) => `${n ? `the loop variable ${n}` : 'a loop variable'} takes values that cannot be listed`,
  'not-a-string': () => 'the value is not a path string',
  'depth-limit': () => 'the analysis gave up: too many steps or alternatives',
  'cli-argument': (n) => `it is ${n ? `the command-line option ${n}` : 'a command-line option'}, which has no default: its value is only known when the app runs`,
  'value-limit': () => 'the value grew too large to fold: a string over 4,096 characters (the longest path Linux opens) or more than 16 alternatives',
};

/** What the user can do about one unresolved access, most specific first. */
function fixesFor(u: Unresolved): string[] {
  const fixes: string[] = [];
  if (u.reason === 'env-unbound' && u.name) fixes.push(`--env ${u.name}=VALUE with the value it has at run time`);
  if (u.capability === 'module') {
    fixes.push('name the module it loads as an extra entry: generate-flags [options] ENTRY... (its code is then analysed)');
  } else {
    const option = u.capability === 'fs.read' ? '--read' : '--write';
    const folder = u.prefix === undefined ? undefined : u.prefix.slice(0, u.prefix.lastIndexOf('/') + 1);
    if (folder && folder !== '/') fixes.push(`${option} ${folder} if everything it ${u.capability === 'fs.read' ? 'reads' : 'writes'} under that folder may be granted`);
    fixes.push(`${option} PATH for each path it ${u.capability === 'fs.read' ? 'reads' : 'writes'} at run time (a folder as PATH/), here or in package.json permissionPolicy`);
  }
  if (u.package !== '.') fixes.push(`a package model for ${u.package} that says what its API touches`);
  return fixes;
}

function fallbackText(u: Unresolved, policy: Policy): string {
  const scope = u.capability === 'fs.write' ? 'writes' : 'reads';
  const held = (policy.withheld ?? []).filter((w) => w.scope === (u.capability === 'fs.write' ? 'write' : 'read')).map((w) => path.basename(w.path));
  if (u.fallback === 'project' && held.length > 0) return `granted the project root's entries for ${scope} except ${held.join(', ')} (--unresolved project)`;
  if (u.fallback === 'project') return `granted the project root for ${scope} (--unresolved project)`;
  if (u.fallback === 'error') return 'granted nothing and reported an error, exit 1 (--unresolved error)';
  return u.capability === 'module'
    ? 'granted nothing: the module it loads is not analysed, and the app gets ERR_ACCESS_DENIED if that file is not granted (--unresolved warn)'
    : `granted nothing: the app gets ERR_ACCESS_DENIED when it ${u.capability === 'fs.write' ? 'writes' : 'reads'} there (--unresolved warn)`;
}

function renderUnresolvedOne(ctx: ExplainContext, u: Unresolved): string[] {
  const { style, source } = ctx;
  const what = u.capability === 'module' ? 'loads a module it cannot name' : u.capability === 'fs.read' ? 'reads a path it cannot resolve' : 'writes a path it cannot resolve';
  const out = columns([[formatSite(u.site), u.api, packageLabel(u.package), style.yellow(what)]], '  ');
  const text = source.at(u.site);
  if (text) out.push(`      ${style.dim(text)}`);
  const why = (reasonPhrases[u.reason] ?? (() => u.reason))(u.name) + (u.origin ? ` (${formatSite(u.origin)})` : '');
  const rows: string[][] = [[style.bold('why'), why]];
  if (u.prefix) rows.push([style.bold('known'), `it starts with ${u.prefix}${u.capability === 'module' ? '' : u.broad ? `, not granted: ${u.prefix}* would open ${broadPrefixText(u.broad)}` : ', too broad to grant'}`]);
  if (u.via && u.via.length > 0) rows.push([style.bold('via'), u.via.map(formatSite).join(' → ')]);
  rows.push([style.bold('did'), fallbackText(u, ctx.report.policy)]);
  fixesFor(u).forEach((fix, i) => rows.push([i === 0 ? style.bold('fix') : style.bold('or'), fix]));
  out.push(...columns(rows, '    '));
  return out;
}

/** Unresolved accesses shown in full by the summary level; the rest get one line per package. */
const summaryUnresolved = 10;

function renderUnresolved(ctx: ExplainContext): string[] {
  const { report, style } = ctx;
  if (report.unresolved.length === 0) return [`${style.green('Unresolved: none.')} Every access the analysis found has a known path.`, ''];
  const out = [`${style.bold('Unresolved')} ${style.dim(`(${count(report.unresolved.length, 'access', 'accesses')})`)}`];
  const shown = ctx.full ? report.unresolved : report.unresolved.slice(0, summaryUnresolved);
  for (const u of shown) out.push(...renderUnresolvedOne(ctx, u), '');
  const rest = report.unresolved.slice(shown.length);
  if (rest.length > 0) {
    const byPackage = new Map<string, number>();
    for (const u of rest) byPackage.set(packageLabel(u.package), (byPackage.get(packageLabel(u.package)) ?? 0) + 1);
    out.push(`  ${style.dim(`and ${count(rest.length, 'more access', 'more accesses')} (--explain=full shows each):`)}`);
    out.push(...columns([...byPackage].map(([name, n]) => [name, count(n, 'access', 'accesses')]), '    '), '');
  }
  return out;
}

/** What each assumption means for the run, in words (docs/cli.md#assumptions). */
function assumptionText(a: Report['assumptions'][number]): string {
  switch (a.kind) {
    case 'cwd':
      return `the app runs from ${a.value}`;
    case 'tmpdir':
      return `os.tmpdir() is ${a.value}`;
    case 'homedir':
      return `os.homedir() is ${a.value}`;
    case 'env':
      return a.unset ? `${a.name} is not set` : `${a.name}=${a.value}`;
    case 'cli-option':
      return `${a.name} keeps its default ${JSON.stringify(a.value)} (another value needs --read/--write)`;
    case 'platform':
      return `${a.name} is ${a.value} (another machine: --platform/--arch)`;
    case 'argv':
      return `the app is started with the arguments ${a.value}`;
    case 'json-data':
      return `${a.name} keeps the content it had (the paths it lists were granted)`;
  }
}

function renderAssumptions(ctx: ExplainContext): string[] {
  const { report, style } = ctx;
  if (report.assumptions.length === 0) return [];
  const rows = report.assumptions.map((a) => [assumptionText(a), style.dim(a.site ? formatSite(a.site) : '')]);
  return [`${style.bold('Assumed')} ${style.dim('(run-time values the policy was built for)')}`, ...columns(rows, '    '), ''];
}

/** The whole explanation, for stdout. */
export function renderExplanation(ctx: ExplainContext): string {
  const { report, style } = ctx;
  const out = [style.bold(renderSummary(report)), `${style.dim('flags:')} ${report.flags.length}`, ''];
  out.push(...renderGrants(ctx));
  out.push(...renderUnresolved(ctx));
  out.push(...renderAssumptions(ctx));
  out.push(style.bold('Packages'), ...renderPackageTable(report, style), '');
  if (!ctx.full) out.push(style.dim('Every code site with its source line: --explain=full; one grant: generate-flags why PATH|CAPABILITY'), '');
  return out.join('\n');
}
