// Reads the live vulnerability index when asked (--refresh-advisories), with a time limit, and
// compiles it like the bundled copy. Only this file touches the network, and only when called;
// a file: URL is read from disk, for mirrors and tests. Any failure is one PolicyError line that
// says what went wrong and that the bundled list is the fallback.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PolicyError } from '../errors.js';
import { compileAdvisories, type Advisory } from './compile.js';
import { bundledIndex } from './generated/advisories.js';
import { notPermissionModel, summaries } from './summaries.js';

/** The Node.js security working group's index of core vulnerabilities. */
export const advisoryIndexUrl = 'https://raw.githubusercontent.com/nodejs/security-wg/main/vuln/core/index.json';

export interface RefreshOptions {
  /** Where to read the index: http(s) or file: URL. Default: `advisoryIndexUrl`. */
  url?: string;
  /** Give up after this many milliseconds. Default: 5000. */
  timeoutMs?: number;
}

/** A list of advisories and where it came from: `bundled`, or the URL it was read from. */
export interface AdvisoryList {
  source: string;
  advisories: readonly Advisory[];
}

const networkErrors: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found (no network?)',
  EAI_AGAIN: 'host name lookup failed (no network?)',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  ENOENT: 'no such file',
};

function reasonOf(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = e?.cause?.code ?? e?.code;
  if (code && networkErrors[code]) return networkErrors[code]!;
  return (e?.cause?.message ?? e?.message ?? String(error)).split('\n')[0]!;
}

async function readIndex(url: URL, timeoutMs: number): Promise<string> {
  if (url.protocol === 'file:') return readFile(fileURLToPath(url), 'utf8');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported address scheme ${url.protocol}`);
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

/** Reads and compiles the live index; throws ADVISORIES_UNAVAILABLE with the reason when it cannot. */
export async function refreshAdvisories(options: RefreshOptions = {}): Promise<AdvisoryList> {
  const address = options.url ?? advisoryIndexUrl;
  const timeoutMs = options.timeoutMs ?? 5000;
  const fallback = `leave out --refresh-advisories to use the list bundled with this version (advisories up to ${bundledIndex.newest})`;
  const fail = (why: string) => new PolicyError('ADVISORIES_UNAVAILABLE', `cannot read the advisory index at ${address}: ${why}`, fallback);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw fail('not a URL');
  }
  let text: string;
  try {
    text = await readIndex(url, timeoutMs);
  } catch (e) {
    throw fail(reasonOf(e, timeoutMs));
  }
  try {
    return { source: address, advisories: compileAdvisories(JSON.parse(text), summaries, notPermissionModel).advisories };
  } catch (e) {
    throw fail(`not the vulnerability index (${reasonOf(e, timeoutMs)})`);
  }
}
