// The syntax step of parsing, apart from the scope walk: acorn, configured as the analysis
// needs it, and Node's choice between CommonJS and ESM for a file whose syntax decides it.

import { Parser, type Node, type Options } from 'acorn';

export type ModuleKind = 'cjs' | 'esm';

export type ParseError = SyntaxError & { loc?: { line: number; column: number } };

/**
 * Acorn's parser, but for how it recovers from running out of stack. Acorn 8.19 tells a stack
 * overflow from other errors by testing the error's message with a regular expression, at each
 * level it unwinds through, and V8 aborts the whole process when it must compile a regular
 * expression with no stack left ("RegExpCompiler Allocation failed"; measured on Node 20.20.2
 * and 22.23.3 with 2,000 nested templates or an else-if chain of 4,000 to 6,000 links, at
 * whichever depth the compilation happened to fall). On V8 the overflow is a RangeError, so the
 * test needs no regular expression; test/hostile-input.test.ts keeps this override in force.
 */
class StackSafeParser extends Parser {
  catchStackOverflow<T>(f: () => T): T {
    try {
      return f.call(this);
    } catch (e) {
      // raise() is acorn's own (not in its typings): a SyntaxError at the current token.
      const parser = this as unknown as { start: number; raise(pos: number, message: string): never };
      if (e instanceof RangeError) parser.raise(parser.start, 'Not enough stack space to parse input');
      throw e;
    }
  }
}

const esmSyntax = /(^|[\s;])(import\s*[\w{*'"]|export\s+[\w{*]|import\.meta)/m;

function parserOptions(sourceType: 'script' | 'module'): Options {
  return {
    ecmaVersion: 'latest',
    sourceType,
    // Node offsets are enough: line and column are computed from `lineStarts` for the few nodes
    // a site is reported for. Acorn's `locations` allocates three objects per node (measured:
    // a quarter of the analysis time went to garbage collection).
    locations: false,
    allowHashBang: true,
    allowReturnOutsideFunction: sourceType === 'script',
    allowAwaitOutsideFunction: sourceType === 'script',
    allowImportExportEverywhere: false,
  };
}

function tryParse(source: string, sourceType: 'script' | 'module'): { ast: Node } | { error: ParseError } {
  try {
    return { ast: StackSafeParser.parse(source, parserOptions(sourceType)) };
  } catch (e) {
    return { error: e as ParseError };
  }
}

/** The text acorn is given: without a byte order mark. */
export function withoutBom(source: string): string {
  return source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
}

/**
 * Parses `text` as `preferred`; for a `.js` file treated as CommonJS whose syntax only parses
 * as ESM, Node 22+ (and 20.19+) detect it as ESM, so we do the same.
 */
export function parseSyntax(text: string, preferred: ModuleKind, detectable: boolean): { ast: Node; kind: ModuleKind } | { error: ParseError } {
  const first = tryParse(text, preferred === 'esm' ? 'module' : 'script');
  if ('error' in first && preferred === 'cjs' && detectable && esmSyntax.test(text)) {
    const second = tryParse(text, 'module');
    if ('ast' in second) return { ast: second.ast, kind: 'esm' };
  }
  return 'error' in first ? first : { ast: first.ast, kind: preferred };
}
