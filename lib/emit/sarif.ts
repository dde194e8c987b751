// Renders a Report as a SARIF 2.1.0 log for code-scanning tools: one result per grant (rule id =
// the capability, with every evidence site), one per unresolved access and one per other
// diagnostic (rule id = the code). Locations are relative to the project root through the
// PROJECTROOT base id, so a log made on one machine lines up with the repository on another.

import { pathToFileURL } from 'node:url';
import { formatDiagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/index.js';
import type { Capability, Evidence, Site, Unresolved } from '../types.js';
import { booleanCapabilities, capabilityInfo } from '../capabilities.js';
import { codeTitles } from './sarif-rules.js';
import type { Report } from '../report.js';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifLocation {
  id?: number;
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: 'PROJECTROOT' };
    region?: { startLine: number; startColumn: number };
  };
  message?: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind?: 'informational';
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
  relatedLocations?: SarifLocation[];
  properties?: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] } };
      originalUriBaseIds: Record<'PROJECTROOT', { uri: string; description: { text: string } }>;
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
      properties: Record<string, unknown>;
    },
  ];
}

/** The codes an Unresolved entry is also reported under; its result replaces the diagnostic's. */
const unresolvedCodes: readonly DiagnosticCode[] = ['FS_PATH_UNKNOWN', 'IMPORT_DYNAMIC'];

/** A project-relative POSIX path as a relative URI reference (spaces and `#` escaped). */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(site: Site, text?: string, id?: number): SarifLocation {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: {
      artifactLocation: { uri: relativeUri(site.file), uriBaseId: 'PROJECTROOT' },
      region: { startLine: site.line, startColumn: site.column },
    },
    ...(text ? { message: { text } } : {}),
  };
}

/** The whole-file location of a granted path inside the project (an entry has no call site). */
function fileLocation(report: Report, absolute: string): SarifLocation | undefined {
  const root = report.project.root;
  if (!absolute.startsWith(root + '/')) return undefined;
  return { physicalLocation: { artifactLocation: { uri: relativeUri(absolute.slice(root.length + 1)), uriBaseId: 'PROJECTROOT' } } };
}

/** Rules are added on first use, so the log lists only the rules its results refer to. */
class RuleTable {
  readonly rules: SarifRule[] = [];
  private readonly index = new Map<string, number>();

  indexOf(id: string, make: () => SarifRule): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.rules.push(make()) - 1;
      this.index.set(id, i);
    }
    return i;
  }
}

function capabilityRule(capability: Capability): SarifRule {
  const { rule, flag } = capabilityInfo(capability);
  return {
    id: capability,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: rule.help },
    defaultConfiguration: { level: 'none' },
    properties: { flag },
  };
}

function codeRule(code: DiagnosticCode, level: SarifLevel): SarifRule {
  const title = codeTitles[code] ?? `Diagnostic ${code}`;
  const more = `Explained with an example and a fix under the heading ${code} of docs/diagnostics.md, shipped in the node-permission-policy package.`;
  return {
    id: code,
    name: code
      .toLowerCase()
      .split('_')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: title },
    fullDescription: { text: `${title}.` },
    help: { text: more, markdown: `${title}. See \`${code}\` in docs/diagnostics.md of the node-permission-policy package.` },
    defaultConfiguration: { level },
  };
}

const levelOf: Record<Diagnostic['severity'], SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** What a grant without a call site is for. */
const siteless: Partial<Record<Evidence['reason'], string>> = {
  entry: 'the entry of the app',
  user: 'asked for with --read or --write',
  'type-module': 'the package folder of an entry, readable so that "type": "module" applies',
};

const packageName = (name: string) => (name === '.' ? 'the app' : name);

function evidenceText(e: Evidence): string {
  const what = e.api ?? e.reason;
  return `${what} (${e.reason}${e.detail ? `: ${e.detail}` : ''})`;
}

/** A granted path as the message shows it: `./…` inside the project, else absolute. */
function shownPath(report: Report, p: string): string {
  const root = report.project.root;
  return p.startsWith(root + '/') ? `./${p.slice(root.length + 1)}` : p;
}

/** One informational result for a grant: the first evidence site is the location, the others related. */
function grantResult(report: Report, rules: RuleTable, capability: Capability, evidence: Evidence[], subject?: string): SarifResult {
  const { rule, flag } = capabilityInfo(capability);
  const withSite = evidence.filter((e) => e.site);
  const packages = [...new Set(evidence.map((e) => e.package))].sort();
  const primary = withSite[0];
  const shown = subject === undefined ? undefined : shownPath(report, subject);
  const flagged = report.flags.some((f) => f === flag || f.startsWith(`${flag}=`));
  const sites = withSite.length === 1 ? '1 site' : `${withSite.length} sites`;
  const others = withSite.length > 1 ? ` and ${withSite.length - 1} more` : '';
  const text =
    `${rule.label}${shown ? ` ${shown}` : ''} (${flag}${flagged ? '' : `, not in the flags for Node ${report.target.major}`}): ` +
    (primary
      ? `needed by ${sites} in ${packages.map(packageName).join(', ')}: ${evidenceText(primary)}${others}.`
      : `${[...new Set(evidence.map((e) => siteless[e.reason] ?? e.reason))].join('; ')}.`);
  const whole = primary ? undefined : subject ? fileLocation(report, subject) : undefined;
  const related = withSite.slice(1).map((e, i) => location(e.site!, `${evidenceText(e)} in ${packageName(e.package)}`, i + 1));
  return {
    ruleId: capability,
    ruleIndex: rules.indexOf(capability, () => capabilityRule(capability)),
    kind: 'informational',
    level: 'none',
    message: { text },
    ...(primary ? { locations: [location(primary.site!)] } : whole ? { locations: [whole] } : {}),
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    properties: { capability, ...(subject ? { path: subject } : {}), packages, reasons: [...new Set(evidence.map((e) => e.reason))] },
  };
}

/** The diagnostic an unresolved access is reported as, rebuilt from its fields. */
function unresolvedDiagnostic(u: Unresolved): Diagnostic {
  const severity = u.fallback === 'error' ? 'error' : 'warning';
  const named = u.name ? { name: u.name } : {};
  if (u.capability === 'module') {
    return { code: 'IMPORT_DYNAMIC', severity, site: u.site, args: { api: u.api, reason: u.reason, ...named } };
  }
  const scope = u.capability === 'fs.read' ? 'read' : 'write';
  return { code: 'FS_PATH_UNKNOWN', severity, site: u.site, args: { api: u.api, scope, reason: u.reason, ...named, ...(u.prefix ? { prefix: u.prefix } : {}), fallback: u.fallback } };
}

function messageOf(d: Diagnostic): string {
  const { message, hint } = formatDiagnostic(d);
  return hint ? `${message}. Hint: ${hint}.` : `${message}.`;
}

function unresolvedResult(rules: RuleTable, u: Unresolved): SarifResult {
  const d = unresolvedDiagnostic(u);
  const level = levelOf[d.severity];
  const related = [
    ...(u.origin ? [location(u.origin, `the unknown value comes from here (${u.reason}${u.name ? `: ${u.name}` : ''})`)] : []),
    ...(u.via ?? []).map((site, i) => location(site, `reached through this call (${i + 1} of ${u.via!.length}, outermost first)`)),
  ].map((l, i) => ({ ...l, id: i + 1 }));
  return {
    ruleId: d.code,
    ruleIndex: rules.indexOf(d.code, () => codeRule(d.code, 'warning')),
    level,
    message: { text: messageOf(d) },
    locations: [location(u.site)],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    properties: {
      capability: u.capability,
      package: u.package,
      reason: u.reason,
      fallback: u.fallback,
      ...(u.name ? { name: u.name } : {}),
      ...(u.prefix ? { prefix: u.prefix } : {}),
    },
  };
}

function diagnosticResult(rules: RuleTable, d: Diagnostic): SarifResult {
  const level = levelOf[d.severity];
  return {
    ruleId: d.code,
    ruleIndex: rules.indexOf(d.code, () => codeRule(d.code, level)),
    level,
    message: { text: messageOf(d) },
    ...(d.site ? { locations: [location(d.site)] } : {}),
    properties: { args: d.args },
  };
}

const sameSite = (a?: Site, b?: Site) => !!a && !!b && a.file === b.file && a.line === b.line && a.column === b.column;

/** The SARIF 2.1.0 log of a report: grants, unresolved accesses and the other diagnostics. */
export function toSarif(report: Report): SarifLog {
  const rules = new RuleTable();
  const results: SarifResult[] = [];
  const { policy } = report;
  for (const g of policy.fsRead) results.push(grantResult(report, rules, 'fs.read', g.evidence, g.path));
  for (const g of policy.fsWrite) results.push(grantResult(report, rules, 'fs.write', g.evidence, g.path));
  for (const { capability, policyKey } of booleanCapabilities) {
    if (policy[policyKey].granted) results.push(grantResult(report, rules, capability, policy[policyKey].evidence));
  }
  for (const u of report.unresolved) results.push(unresolvedResult(rules, u));
  const covered = (d: Diagnostic) => unresolvedCodes.includes(d.code) && report.unresolved.some((u) => sameSite(u.site, d.site) && unresolvedDiagnostic(u).code === d.code);
  for (const d of report.diagnostics) if (!covered(d)) results.push(diagnosticResult(rules, d));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules: rules.rules } },
        originalUriBaseIds: { PROJECTROOT: { uri: pathToFileURL(report.project.root + '/').href, description: { text: 'The project root: the folder of package.json.' } } },
        // Sites come from acorn, whose columns count UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results,
        properties: { target: report.target.version, flags: report.flags },
      },
    ],
  };
}
