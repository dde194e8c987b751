// Merges a policy's node.config.json section into an existing node.config.json, so writing the
// policy never loses the file's other settings ($schema, testRunner, other nodeOptions). The
// previous policy, in either namespace, is replaced rather than merged: a stale `permission`
// namespace would still add its grants on Node 24 (docs/node-facts.md#config-file). The file is written back with its
// own indentation, line endings and final newline; keys keep their order.

import { PolicyError } from '../errors.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys of the nodeOptions namespace that a policy owns. */
function isPolicyKey(key: string): boolean {
  return key === 'permission' || key.startsWith('allow-');
}

/** The indentation unit of a JSON text: a tab, or the width of the first indented line. */
function detectIndent(text: string): string | number {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return 2;
  return m[1]!.startsWith('\t') ? '\t' : m[1]!.length;
}

function withoutPolicyKeys(section: unknown): Json | undefined {
  if (!isObject(section)) return undefined;
  const kept = Object.fromEntries(Object.entries(section).filter(([k]) => !isPolicyKey(k)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** `existing` node.config.json text with `policy` (what toConfig returns) merged in. */
export function mergeConfig(existing: string, policy: Json, file = 'node.config.json'): string {
  let config: unknown;
  try {
    config = JSON.parse(existing.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new PolicyError('POLICY_INVALID', `${file} is not valid JSON: ${(e as Error).message}`, 'fix the file, or remove it to write a new one');
  }
  if (!isObject(config)) throw new PolicyError('POLICY_INVALID', `${file} is not a JSON object`, 'fix the file, or remove it to write a new one');
  const merged: Json = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) merged[key] = value;
  };
  for (const [key, value] of Object.entries(config)) {
    if (key === 'nodeOptions') {
      const kept = withoutPolicyKeys(value);
      put(key, isObject(policy['nodeOptions']) ? { ...kept, ...policy['nodeOptions'] } : kept);
    } else if (key === 'permission') put(key, policy['permission']);
    else merged[key] = value;
  }
  for (const key of ['nodeOptions', 'permission']) if (!(key in merged) && key in policy) merged[key] = policy[key];
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const text = JSON.stringify(merged, null, detectIndent(existing)).replace(/\n/g, eol);
  return /\r?\n$/.test(existing) ? text + eol : text;
}
