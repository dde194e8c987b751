// Replaces one script's command in the text of a package.json without re-serialising the file:
// only the characters of that one JSON string change, so indentation (tabs, 2 or 4 spaces), key
// order, line endings (LF or CRLF), a final newline or its absence all stay as they were.

import { PolicyError } from '../errors.js';

interface Span {
  start: number;
  end: number;
}

/** A tiny JSON scanner that finds the span of the value at a key path. */
class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw new PolicyError('PACKAGE_JSON_INVALID', `package.json is not valid JSON (at character ${this.i})`, 'fix the syntax of package.json');
  }

  blank(): void {
    while (/[ \t\r\n\uFEFF]/.test(this.text[this.i] ?? '')) this.i++;
  }

  string(): string {
    const start = this.i;
    if (this.text[this.i] !== '"') this.fail();
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.text.length) this.fail();
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  /** Skips one value; when `path` is not empty, the value must be an object and the rest of the path is looked up inside it. */
  value(path: readonly string[]): Span | undefined {
    this.blank();
    const start = this.i;
    const c = this.text[this.i];
    if (c === '{') return this.object(path);
    if (path.length > 0) {
      this.skip(c);
      return undefined;
    }
    this.skip(c);
    return { start, end: this.i };
  }

  skip(c: string | undefined): void {
    if (c === '"') this.string();
    else if (c === '{') this.object([]);
    else if (c === '[') {
      this.i++;
      this.blank();
      if (this.text[this.i] === ']') this.i++;
      else {
        for (;;) {
          this.value([]);
          this.blank();
          const sep = this.text[this.i++];
          if (sep === ']') break;
          if (sep !== ',') this.fail();
        }
      }
    } else {
      const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.i));
      if (!m) this.fail();
      this.i += m[0].length;
    }
  }

  object(path: readonly string[]): Span | undefined {
    const start = this.i;
    let found: Span | undefined;
    this.i++;
    this.blank();
    if (this.text[this.i] === '}') this.i++;
    else {
      for (;;) {
        this.blank();
        const key = this.string();
        this.blank();
        if (this.text[this.i++] !== ':') this.fail();
        if (path.length > 0 && key === path[0]) found = this.value(path.slice(1)) ?? found;
        else {
          this.blank();
          this.skip(this.text[this.i]);
        }
        this.blank();
        const sep = this.text[this.i++];
        if (sep === '}') break;
        if (sep !== ',') this.fail();
      }
    }
    return path.length === 0 ? { start, end: this.i } : found;
  }
}

/** The span of the JSON value at `path` (object keys), or undefined when it is not there. */
export function findJsonValue(text: string, path: readonly string[]): Span | undefined {
  const scanner = new Scanner(text);
  const span = scanner.value(path);
  scanner.blank();
  if (scanner.i < text.length) scanner.fail();
  return span;
}

/** package.json text with `scripts[name]` set to `command`; the script must exist. */
export function setScript(text: string, name: string, command: string): string {
  const span = findJsonValue(text, ['scripts', name]);
  if (!span || text[span.start] !== '"') {
    throw new PolicyError('SCRIPT_NOT_FOUND', `package.json has no script "${name}"`, 'name a script of the "scripts" object (generate-flags --script start)');
  }
  return text.slice(0, span.start) + JSON.stringify(command) + text.slice(span.end);
}
