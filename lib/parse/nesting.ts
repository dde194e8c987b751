// How deeply a file nests template literals, measured before the file is parsed. Acorn parses a
// template's `${…}` by recursion; on Node 20 (V8 11.3) running out of stack there does not end
// in acorn's catchable "Not enough stack space" but aborts the whole process (a fatal
// "RegExpCompiler Allocation failed", measured on 20.20.2 at about 350 levels; 22, 24 and 26
// throw the catchable error). So such a file is refused before acorn sees it.

import { tokenizer, tokTypes, type Options } from 'acorn';

/** Deepest template nesting parsed; real code nests a handful of levels. */
export const MAX_TEMPLATE_NESTING = 100;

/**
 * Whether `text` nests template literals deeper than `limit`. A file with no more than `limit`
 * `${` cannot, so that is counted first (no allocation); only a file with more is tokenized.
 * The tokenizer is a loop, not a recursion, so it is safe on any nesting. A file the tokenizer
 * rejects is left to the parser, which reports it.
 */
export function templatesTooDeep(text: string, options: Options, limit = MAX_TEMPLATE_NESTING): boolean {
  let count = 0;
  for (let i = text.indexOf('${'); i >= 0 && count <= limit; i = text.indexOf('${', i + 2)) count++;
  if (count <= limit) return false;
  // Open templates and braces, innermost last: a backquote closes the template on top, else opens one.
  const open: boolean[] = [];
  let templates = 0;
  try {
    for (const token of tokenizer(text, options)) {
      const type = token.type;
      if (type === tokTypes.backQuote) {
        if (open[open.length - 1] === true) {
          open.pop();
          templates--;
        } else {
          open.push(true);
          if (++templates > limit) return true;
        }
      } else if (type === tokTypes.dollarBraceL || type === tokTypes.braceL) open.push(false);
      else if (type === tokTypes.braceR) open.pop();
    }
  } catch {
    return false;
  }
  return false;
}
