// What the audit recorder (recorder-source.ts) writes, read back: one recorded access per JSON
// line. Reading is forgiving, since an app may share the file descriptor's process with other
// writers or be killed mid-line: a line that is not a record is skipped and counted.

/** One frame of a JavaScript stack: a file path (or `node:…` for Node's own code), 1-based line and column. */
export interface StackFrame {
  file: string;
  line: number;
  column: number;
  /** The function as V8 names it (`Object.readFileSync`, `new Worker`), when it has a name. */
  fn?: string;
  /** A caller waiting in an `await` (`at async …`), resumed later: not a synchronous caller of the access. */
  async?: boolean;
}

/** An access `--permission-audit` reported: the policy in force would have denied it. */
export interface RecordedAccess {
  pid: number;
  /** 0 for the main thread, else the worker's threadId. */
  tid: number;
  /** `FileSystemRead`, `FileSystemWrite`, `ChildProcess`, `WorkerThreads`, `Addon`, `WASI`, `Net`, `Inspector`, … */
  permission: string;
  /** As Node passed it: an fs path as the caller wrote it, the command, a host, or empty. */
  resource: string;
  /** The absolute form of a relative fs resource (resolved against the process's cwd). */
  resolved?: string;
  /** For an fs access: the process's working folder when it asked (a child may have another). */
  cwd?: string;
  /** The script the process runs (process.argv[1]; absent for inline code and the REPL). */
  main?: string;
  /** Innermost first, Node's own frames included. */
  stack: StackFrame[];
}

function isFrame(v: unknown): v is StackFrame {
  const f = v as StackFrame;
  return typeof f === 'object' && f !== null && typeof f.file === 'string' && Number.isInteger(f.line) && Number.isInteger(f.column);
}

function toAccess(v: unknown): RecordedAccess | undefined {
  const r = v as Record<string, unknown>;
  if (typeof r !== 'object' || r === null || typeof r.permission !== 'string' || typeof r.resource !== 'string') return undefined;
  const stack = Array.isArray(r.stack) ? r.stack.filter(isFrame) : [];
  return {
    pid: typeof r.pid === 'number' ? r.pid : 0,
    tid: typeof r.tid === 'number' ? r.tid : 0,
    permission: r.permission,
    resource: r.resource,
    ...(typeof r.resolved === 'string' ? { resolved: r.resolved } : {}),
    ...(typeof r.cwd === 'string' ? { cwd: r.cwd } : {}),
    ...(typeof r.main === 'string' ? { main: r.main } : {}),
    stack: stack.map((f) => ({ file: f.file, line: f.line, column: f.column, ...(typeof f.fn === 'string' ? { fn: f.fn } : {}) })),
  };
}

/** The accesses in a recorder file's text, and how many lines were not records. */
export function parseRecords(text: string): { accesses: RecordedAccess[]; skipped: number } {
  const accesses: RecordedAccess[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let access: RecordedAccess | undefined;
    try {
      access = toAccess(JSON.parse(line));
    } catch {
      access = undefined;
    }
    if (access) accesses.push(access);
    else skipped++;
  }
  return { accesses, skipped };
}
