// The text of `generate-flags doctor`: the target, what the model restricts there and with which
// flag, its limits, the release lines' end-of-life, and the unfixed advisories. Returns a string.

import { bundledIndex, type Restriction, type TargetCheck, type UnfixedAdvisory } from '../lib/index.js';

const sourceNames: Record<TargetCheck['target']['source'], string> = {
  option: '--target',
  engines: 'engines.node',
  nvmrc: '.nvmrc',
  'node-version': '.node-version',
  running: 'the running Node',
};

function restriction(r: Restriction, range: boolean): string {
  const parts: string[] = [];
  const where = (on: string) => (range ? ` on ${on}` : '');
  if (r.flagOn) parts.push(`${r.flag}${where(r.flagOn)}`);
  if (r.deniedOn) parts.push(`always denied, cannot be allowed${where(r.deniedOn)}`);
  if (r.openOn) parts.push(`not restricted${where(r.openOn)}`);
  return `  ${r.capability.padEnd(15)} ${parts.join('; ')}`;
}

function advisory(a: UnfixedAdvisory): string[] {
  return a.lines.flatMap((line) => {
    const tags = [a.severity, line.basis === 'inferred' ? 'inferred: the line had ended when it was published' : undefined, a.reviewed ? undefined : 'summary not reviewed'];
    const fix = line.fixedIn ? `fixed in ${line.fixedIn}` : 'no fix on this line';
    return [
      `  ${a.id} on ${line.affected}${tags.some(Boolean) ? ` (${tags.filter(Boolean).join('; ')})` : ''}`,
      `      ${a.summary}`,
      `      ${fix}${line.upgradeTo ? `; upgrade to ${line.upgradeTo} or later` : '; move to a supported line'}`,
    ];
  });
}

export function renderTargetCheck(check: TargetCheck): string {
  const { target, advisories } = check;
  const range = target.range !== undefined;
  const out: string[] = [];
  out.push(range ? `Node ${target.from} (${sourceNames[target.source]}): ${target.covers?.join(', ')}` : `Node ${target.version} (${sourceNames[target.source]}: ${target.from})`);
  out.push(`Enable with ${check.enableFlag}`, '');
  out.push('Restricted unless allowed by the flag:');
  out.push(...check.restricts.map((r) => restriction(r, range)), '');
  out.push('Not restricted, or restricted in ways that break code:');
  out.push(...check.limits.map((l) => `  - ${l.text}${range ? ` (${l.on})` : ''}`), '');
  out.push('Denied whatever is granted (measured; a call fails under any policy):');
  out.push(...(check.alwaysDenied.length > 0 ? check.alwaysDenied.map((a) => `  ${a.api}${range ? ` (${a.on})` : ''}`) : ['  none']), '');
  out.push('Release lines:');
  for (const line of advisories.lines) {
    const eol = check.diagnostics.find((d) => d.code === 'TARGET_EOL' && d.args.major === line.major);
    const supported = eol?.code === 'TARGET_EOL' && eol.args.supported.length > 0 ? ` (supported lines: ${eol.args.supported.join(', ')})` : '';
    out.push(line.ended ? `  Node ${line.major}: end-of-life since ${line.endOfLife}, no more security fixes${supported}` : `  Node ${line.major}: supported until ${line.endOfLife}`);
  }
  const source = advisories.source === 'bundled' ? `the list bundled with this version, advisories up to ${bundledIndex.newest}` : advisories.source;
  out.push('', `Permission Model advisories not fixed (${source}; checked on ${advisories.checkedOn}):`);
  out.push(...(advisories.unfixed.length > 0 ? advisories.unfixed.flatMap(advisory) : ['  none']));
  return out.join('\n') + '\n';
}
