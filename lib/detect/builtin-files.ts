// Built-in modules other than fs that open files by name: node:sqlite's `new DatabaseSync(path)`
// opens (and creates) the database file, and `sqlite.backup(db, path)` writes one. Measured on
// 22.23, 24.21 and 26.10: the Permission Model does not check either (the database opens and
// is written with no grant at all, and so are its -journal and -wal siblings), so the report
// says so (FS_NOT_CHECKED) and the file is still granted, for releases that check it and so that
// --explain shows what the app touches. `:memory:` and '' open no file.

import { diagnostic } from '../diagnostics/index.js';
import { alternatives, type Value } from '../evaluate/index.js';
import type { DetectSink, Handler, SinkCall } from './context.js';

function inMemory(value: Value): boolean {
  return alternatives(value).every((a) => a.k === 'str' && (a.v === ':memory:' || a.v === ''));
}

/** `{ readOnly: true }` in the options: the database is only read. */
function readOnly(options: Value): boolean {
  return options.k === 'obj' && options.props.get('readOnly')?.k === 'bool' && (options.props.get('readOnly') as { v: boolean }).v;
}

function databaseFile(call: SinkCall, sink: DetectSink, value: Value, scopes: ('read' | 'write')[]): void {
  if (inMemory(value)) return;
  const shown = value.k === 'str' ? value.v : 'its path';
  sink.diagnostic(diagnostic('FS_NOT_CHECKED', 'warning', { api: call.api, path: shown }, call.site));
  for (const scope of scopes) sink.fsPath(call, value, scope);
}

const openDatabase: Handler = (call, sink) => {
  if (call.args.length === 0) return;
  databaseFile(call, sink, call.arg(0), readOnly(call.arg(1)) ? ['read'] : ['read', 'write']);
};

export const builtinFileApis: Record<string, Handler> = {
  'sqlite.DatabaseSync': openDatabase,
  'sqlite.Database': openDatabase,
  'sqlite.backup': (call, sink) => {
    if (call.args.length > 1) databaseFile(call, sink, call.arg(1), ['write']);
  },
};
