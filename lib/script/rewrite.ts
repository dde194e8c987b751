// Rewrites the node commands of a script so they carry a policy: the previous policy flags
// (--permission, --experimental-permission, --allow-*) are removed wherever they stand and
// the new ones written right after `node`, so running the rewrite again replaces them instead
// of stacking. Every other character of the script stays as it was.

import { isPolicyOption, type NodeInvocation } from '../project/node-command.js';
import type { ShellWord } from '../project/shell-words.js';

const scriptSafe = /^[A-Za-z0-9_\-=./:,@%+]+$/;

/**
 * One flag as a word of a script. Double quotes, not single: npm runs scripts with `sh` on
 * POSIX systems and `cmd.exe` on Windows, and both take a double-quoted word as one argument
 * (the `*` of a folder grant must not reach a shell's globbing).
 */
export function scriptWord(flag: string): string {
  if (scriptSafe.test(flag)) return flag;
  return `"${flag.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Where the blank before a word begins, so removing the word does not leave a double space. */
function blankBefore(text: string, word: ShellWord): number {
  let i = word.start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

export interface CommandFlags {
  invocation: NodeInvocation;
  flags: string[];
}

export function rewriteScript(text: string, commands: readonly CommandFlags[]): string {
  const edits: Edit[] = [];
  for (const { invocation, flags } of commands) {
    for (const option of invocation.options) {
      if (!isPolicyOption(option.name)) continue;
      const first = option.words[0]!;
      const last = option.words[option.words.length - 1]!;
      edits.push({ start: blankBefore(text, first), end: last.end, text: '' });
    }
    const inserted = flags.map(scriptWord).join(' ');
    if (inserted) edits.push({ start: invocation.node.end, end: invocation.node.end, text: ` ${inserted}` });
  }
  // Apply from the end so earlier spans stay valid; at the same start a removal goes first, so
  // the insertion after `node` is not swallowed by removing the old flag right behind it.
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
