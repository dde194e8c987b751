// The Node version the policy is for: --target, else package.json engines.node, else the
// running Node. A range picks the running version when it satisfies the range, else the
// lowest measured major in it (issue #8 will make ranges emit what works across the range).

import semver from 'semver';
import { PolicyError } from '../errors.js';
import { factsFor, knownMajors } from '../node-versions/index.js';
import type { Target } from '../types.js';

function testedVersionOf(major: number): string | undefined {
  return factsFor(`${major}.0.0`)?.testedVersion;
}

function fromText(text: string, source: Target['source'], running: string): Target {
  const trimmed = text.trim().replace(/^v/, '');
  if (/^\d+$/.test(trimmed)) {
    const major = Number(trimmed);
    const version = testedVersionOf(major);
    if (!version) throw unsupported(text, major);
    return { version, major, source, from: text };
  }
  const exact = semver.valid(trimmed);
  if (exact) {
    const major = semver.major(exact);
    if (!factsFor(exact)) throw unsupported(text, major);
    return { version: exact, major, source, from: text };
  }
  const range = semver.validRange(trimmed);
  if (!range) {
    throw new PolicyError('TARGET_INVALID', `target '${text}' is not a Node version or range`, 'use a major (22), a version (22.13.0) or a range (>=22)');
  }
  if (semver.satisfies(running, range) && factsFor(running)) {
    return { version: running, major: semver.major(running), source, from: text };
  }
  for (const major of knownMajors) {
    const version = testedVersionOf(major)!;
    if (semver.satisfies(version, range)) return { version, major, source, from: text };
  }
  throw new PolicyError('TARGET_UNSUPPORTED', `no supported Node version satisfies '${text}'`, `supported majors: ${knownMajors.join(', ')}`);
}

function unsupported(text: string, major: number): PolicyError {
  return new PolicyError(
    'TARGET_UNSUPPORTED',
    `Node ${text} is not supported: the Permission Model facts cover majors ${knownMajors.join(', ')}`,
    major < 20 ? 'the Permission Model first shipped in Node 20' : 'use --target with a supported major',
  );
}

export function resolveTarget(option: string | undefined, engines: string | undefined, running: string): Target {
  if (option !== undefined) return fromText(option, 'option', running);
  if (engines) return fromText(engines, 'engines', running);
  return fromText(running, 'running', running);
}
