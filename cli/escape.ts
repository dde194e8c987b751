// Text from the analysed project (file names, module specifiers, env names, paths, package
// names) is untrusted: shown as it is, a name holding ESC could send escape sequences to the
// terminal (recolour, hide or rewrite lines, set the window title) and a newline or a bidi
// override could forge a line of the report. Every human-readable output escapes it here; the
// machine outputs (flags, JSON, config, SARIF) keep the exact strings, since Node needs them so.

// C0 controls, DEL, C1 controls, the line and paragraph separators and the bidi overrides and
// isolates (the characters "Trojan source" uses).
const control = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with each control character written as an escape: `\x1b`, `\n`, `\u{202e}`. */
export function escapeControl(text: string): string {
  return text.replace(control, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** Text of several lines, each escaped (escapeControl) and the line breaks kept: for output without colours. */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}

/**
 * `value` with every string in it escaped (escapeControl), sharing every part in which nothing
 * changed, so escaping a report with no control characters in it copies nothing. For the views
 * rendered from a whole report (--explain, why, packages, doctor).
 */
export function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControl(value) as T;
  if (Array.isArray(value)) {
    const items = value.map((v) => escapeStrings(v));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, v] of Object.entries(value)) {
      const escaped = escapeStrings(v);
      if (escaped !== v) (copy ??= { ...(value as Record<string, unknown>) })[key] = escaped;
    }
    return (copy ?? value) as T;
  }
  return value;
}
