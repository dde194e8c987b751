// `generate-flags why <capability|path>`: one question, answered from the report. A capability
// lists the packages and sites that need it (or says nothing does); a path names the grant that
// covers it in each scope and the evidence behind that grant, or says it is not granted.

import * as path from 'node:path';
import type { Capability, PathGrant } from '../lib/index.js';
import { booleanCapabilities, capabilityInfo, capabilityNames } from '../lib/capabilities.js';
import { renderEvidence, type ExplainContext } from './explain.js';
import { packageLabel, shownPath } from './explain-packages.js';
import { count } from './explain-style.js';
import { emittedCovers } from '../lib/policy/code-cover.js';

export type Question = { kind: 'capability'; capability: Capability } | { kind: 'path'; path: string };

/** Other spellings a user may reach for: the flag, the module name, `fs-read`. */
const aliases: Record<string, Capability> = {
  'allow-fs-read': 'fs.read',
  'fs-read': 'fs.read',
  'allow-fs-write': 'fs.write',
  'fs-write': 'fs.write',
  child_process: 'child-process',
  worker_threads: 'worker',
  addon: 'addons',
  ...Object.fromEntries(booleanCapabilities.map(({ capability, flag }) => [flag.slice(2), capability])),
};

/** A capability name (or one of its aliases), else a path: relative paths are taken from the project root, like --read. */
export function parseQuestion(text: string, root: string): Question {
  const word = text.replace(/^--/, '');
  if ((capabilityNames as readonly string[]).includes(word)) return { kind: 'capability', capability: word as Capability };
  if (aliases[word]) return { kind: 'capability', capability: aliases[word] };
  const absolute = path.resolve(root, text);
  return { kind: 'path', path: absolute.length > 1 ? absolute.replace(/\/+$/, '') : absolute };
}

const withheldWords = {
  secret: 'it holds secrets (.env*, .git, .npmrc, private keys), so the project-root fallback leaves it out',
  code: 'writing it would replace code the next start runs, so the project-root fallback leaves it out',
  'link-out': 'it is a link to a path outside the project, so the project-root fallback leaves it out',
  wildcard: 'its name holds *, which Node reads in a grant as a prefix of other names, so the project-root fallback leaves it out',
};

function answerPathScope(ctx: ExplainContext, scope: 'fs.read' | 'fs.write', target: string): string[] {
  const { report, style } = ctx;
  const grants: PathGrant[] = scope === 'fs.read' ? report.policy.fsRead : report.policy.fsWrite;
  const flag = scope === 'fs.read' ? '--allow-fs-read' : '--allow-fs-write';
  const covering = grants.filter((g) => emittedCovers(g.path, target));
  if (covering.length === 0) {
    const held = report.policy.withheld?.find((w) => w.scope === scope.slice(3) && (target === w.path || target.startsWith(w.path + '/')));
    if (held) return [`${style.bold(scope.padEnd(8))}  ${style.red('not granted')}: ${withheldWords[held.why]} (${shownPath(report.project.root, held.path)})`];
    const open = report.unresolved.filter((u) => (scope === 'fs.read' ? u.capability !== 'fs.write' : u.capability === 'fs.write'));
    const note = open.length > 0 ? style.dim(`; ${count(open.length, 'unresolved access', 'unresolved accesses')} of this scope could reach it at run time (see --explain)`) : '';
    return [`${style.bold(scope.padEnd(8))}  ${style.red('not granted')}${note}`];
  }
  const out: string[] = [];
  for (const g of covering) {
    const how = g.path === target ? 'granted' : g.path.endsWith('/*') || g.path === '*' ? 'granted by a folder grant' : 'granted by a prefix grant';
    out.push(`${style.bold(scope.padEnd(8))}  ${style.green(how)}: ${flag}=${g.path}`);
    out.push(...renderEvidence(ctx, g.evidence, '    '));
  }
  return out;
}

function answerCapability(ctx: ExplainContext, capability: Capability): string[] {
  const { report, style } = ctx;
  if (capability === 'fs.read' || capability === 'fs.write') {
    const grants = capability === 'fs.read' ? report.policy.fsRead : report.policy.fsWrite;
    if (grants.length === 0) return [`${style.bold(capability)}  ${style.red('not granted')}: no code the analysis reached needs it`];
    const out = [`${style.bold(capability)}  ${style.green('granted')} on ${count(grants.length, 'path')}`];
    for (const g of grants) out.push(`  ${style.cyan(shownPath(report.project.root, g.path))}`, ...renderEvidence(ctx, g.evidence, '    '));
    return out;
  }
  const { policyKey, flag } = capabilityInfo(capability);
  const grant = report.policy[policyKey];
  if (!grant.granted) return [`${style.bold(capability)}  ${style.red('not granted')}: no code the analysis reached needs it (${flag} is left out)`];
  const packages = [...new Set(grant.evidence.map((e) => packageLabel(e.package)))].sort();
  const flagged = report.flags.includes(flag);
  return [
    `${style.bold(capability)}  ${style.green('granted')} (${flag}${flagged ? '' : style.yellow(`, not in the flags for Node ${report.target.major}`)}), needed by ${packages.join(', ')}`,
    ...renderEvidence(ctx, grant.evidence, '    '),
  ];
}

/** The answer, for stdout. */
export function renderWhy(ctx: ExplainContext, question: Question): string {
  if (question.kind === 'capability') return answerCapability(ctx, question.capability).join('\n') + '\n';
  const shown = shownPath(ctx.report.project.root, question.path);
  const out = [ctx.style.bold(shown === question.path ? shown : `${shown}  ${ctx.style.dim(question.path)}`)];
  out.push(...answerPathScope(ctx, 'fs.read', question.path), ...answerPathScope(ctx, 'fs.write', question.path));
  return out.join('\n') + '\n';
}
