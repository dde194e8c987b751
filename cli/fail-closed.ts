// What stdout carries when the default command fails while printing flags for a shell
// (`--format shell` or `node-options`, to stdout). `eval "node $(generate-flags) server.js"`
// would otherwise run `node server.js` with no Permission Model at all. An option no Node
// knows makes every Node refuse to start instead (measured on 20, 22, 24 and 26: `bad option`
// on the command line, `is not allowed in NODE_OPTIONS` in the variable, exit 9).

export const failedWord = '--generate-flags-failed=see-the-error-above';

const valueOptions = new Set(['--cwd', '--target', '--format', '--read', '--write', '--env', '--models', '--unresolved', '--max-file-size', '--time-budget', '--workers', '--script', '--policy']);

/** Whether the default command, given `argv`, prints shell flags (or a NODE_OPTIONS value) on stdout. A lenient scan: it runs also when the options do not parse. */
export function printsShellFlags(argv: readonly string[]): boolean {
  let format = 'shell';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (['-o', '--output', '--explain', '--check', '--script', '-h', '--help', '--version', '-v'].includes(a) || /^--(output|explain|script)=/.test(a)) return false;
    if (a === '--format') format = argv[i + 1] ?? format;
    else if (a.startsWith('--format=')) format = a.slice('--format='.length);
    if (valueOptions.has(a)) i++;
  }
  return format === 'shell' || format === 'node-options';
}
