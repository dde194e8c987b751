// Splits a package.json script into simple commands and words the way `sh -c` would for the
// forms real scripts use: quotes, backslash escapes, `&&`/`||`/`;`/`|`/`&` chains, parentheses,
// redirections and `cd`. Each word keeps its span in the original text, so a rewrite can edit
// a few words and leave every other character of the script as it was. Expansions ($VAR,
// $(…), `…`) are never performed: a word holding one is marked dynamic.

export interface ShellWord {
  /** The word after quote removal. */
  value: string;
  /** Span of the raw word in the script text (end exclusive). */
  start: number;
  end: number;
  /** The word holds a `$` or backtick expansion, so `value` is not what the shell passes. */
  dynamic: boolean;
}

export interface SimpleCommand {
  words: ShellWord[];
  /**
   * The folder the command runs in, relative to the folder the script starts in (POSIX, "." for
   * the same folder), after the `cd` commands before it; undefined when a `cd` cannot be followed.
   */
  cwd: string | undefined;
}

const operatorChars = new Set(['&', '|', ';', '(', ')', '\n']);

interface Token {
  kind: 'word' | 'op' | 'redirect';
  word?: ShellWord;
  op?: string;
}

/** Reads one word starting at `i`; returns it and the index after it. */
function readWord(text: string, i: number): { word: ShellWord; next: number } {
  const start = i;
  let value = '';
  let dynamic = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || operatorChars.has(c) || c === '<' || c === '>') break;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      value += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1]!)) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '$' || text[i] === '`') dynamic = true;
        value += text[i];
        i++;
      }
      i++;
    } else if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else {
      if (c === '$' || c === '`') dynamic = true;
      value += c;
      i++;
    }
  }
  return { word: { value, start, end: Math.min(i, text.length), dynamic }, next: i };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (/[0-9]/.test(c) && /^[0-9]+[<>]/.test(text.slice(i))) {
      // `2>&1`, `1>out.log`: the digits belong to the redirection, not a word.
      i = readRedirect(text, i + /^[0-9]+/.exec(text.slice(i))![0].length, tokens);
    } else if (c === '<' || c === '>' || (c === '&' && text[i + 1] === '>')) {
      i = readRedirect(text, i, tokens);
    } else if (operatorChars.has(c)) {
      const two = text.slice(i, i + 2);
      const op = two === '&&' || two === '||' ? two : c === '\n' ? ';' : c;
      tokens.push({ kind: 'op', op });
      i += op.length;
    } else {
      const { word, next } = readWord(text, i);
      tokens.push({ kind: 'word', word });
      i = next;
    }
  }
  return tokens;
}

/** `>`, `>>`, `<`, `>&2`, `&>file`: the operator, and its target word when there is one. */
function readRedirect(text: string, i: number, tokens: Token[]): number {
  const op = /^(&>>|&>|>>|>&|<&|<<|>\||[<>])/.exec(text.slice(i))![0];
  i += op.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (i < text.length && !operatorChars.has(text[i]!)) {
    const { next } = readWord(text, i);
    i = next;
  }
  tokens.push({ kind: 'redirect', op });
  return i;
}

/** `cd DIR` applied to a relative folder; undefined when DIR is not a plain relative path. */
function changeDir(cwd: string | undefined, target: ShellWord | undefined): string | undefined {
  if (cwd === undefined || !target || target.dynamic || target.value.startsWith('/') || target.value.startsWith('~') || target.value === '-') {
    return undefined;
  }
  const parts = cwd === '.' ? [] : cwd.split('/');
  for (const part of target.value.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined; // above the package root
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? '.' : parts.join('/');
}

/**
 * The simple commands of a script, in order, each with the folder it runs in. A `cd` inside
 * parentheses (a subshell) only applies until the closing parenthesis.
 */
export function splitScript(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  const stack: (string | undefined)[] = [];
  let cwd: string | undefined = '.';
  let words: ShellWord[] = [];
  const finish = () => {
    if (words.length === 0) return;
    const first = words[0]!.value;
    commands.push({ words, cwd });
    if (first === 'cd') cwd = changeDir(cwd, words[1]);
    words = [];
  };
  for (const token of tokenize(text)) {
    if (token.kind === 'word') words.push(token.word!);
    else if (token.kind === 'op') {
      finish();
      if (token.op === '(') stack.push(cwd);
      else if (token.op === ')' && stack.length > 0) cwd = stack.pop();
    }
  }
  finish();
  return commands;
}
