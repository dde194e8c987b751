// Citations of a docs page section (`docs/node-facts.md#fs-apis` in a code comment, `[§2](#fs-apis)`
// or `[x](versions.md#advisories)` in a page) and the anchors each page has, so a test can tell
// that every citation still lands somewhere after a page is edited.

export interface Citation {
  /** The file the citation is in, repository-relative. */
  from: string;
  line: number;
  /** The cited page, repository-relative (`docs/node-facts.md`). */
  page: string;
  anchor: string;
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown page: explicit `<a id="…">` and the ids of its headings. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const m of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(m[1]!);
  for (const m of markdown.matchAll(/^#{1,6} (.+)$/gm)) anchors.add(headingSlug(m[1]!));
  return anchors;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * Citations in a code file: `docs/<page>.md#<anchor>`, and the anchors that follow it in the
 * same phrase (`docs/node-facts.md#fs-apis, #version-defects` cites both on that page).
 */
export function codeCitations(from: string, text: string): Citation[] {
  const found: Citation[] = [];
  for (const m of text.matchAll(/\bdocs\/([\w.-]+\.md)#([\w-]+)((?:(?:,| and) #[\w-]+)*)/g)) {
    const page = `docs/${m[1]}`;
    const line = lineAt(text, m.index);
    found.push({ from, line, page, anchor: m[2]! });
    for (const more of m[3]!.matchAll(/#([\w-]+)/g)) found.push({ from, line, page, anchor: more[1]! });
  }
  return found;
}

/** Links with an anchor in a page of docs/ (`docs/<from>`): to itself (`(#x)`) or a sibling page. */
export function pageCitations(from: string, text: string): Citation[] {
  return [...text.matchAll(/\]\(([\w.-]+\.md)?#([\w-]+)\)/g)].map((m) => ({
    from,
    line: lineAt(text, m.index),
    page: m[1] ? `docs/${m[1]}` : from,
    anchor: m[2]!,
  }));
}

/**
 * Lines that cite a section of a facts document by its number (the word facts, then the section
 * sign and a number, or the number followed by "of the facts"): the document those citations named
 * was not in the repository; cite `docs/node-facts.md#<anchor>` instead.
 */
export function numberedFactsCitations(text: string): number[] {
  return [...text.matchAll(/facts\W{0,3}§\s?\d+|§\s?\d+ of the facts/gi)].map((m) => lineAt(text, m.index));
}
