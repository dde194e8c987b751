// Tests that guard the tests and the docs: every diagnostic code has a formatter case and a
// `## CODE` heading in docs/diagnostics.md, every detector has a `## <name>` section in
// docs/detectors.md and at least one fixture, and every CLI option is in docs/cli.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formats } from '../cli/commands/generate-options.js';
import { detectors } from '../lib/detect/index.js';
import { diagnostic, formatDiagnostic, type DiagnosticArgs, type DiagnosticCode } from '../lib/diagnostics/index.js';

const repo = path.join(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

/** The `NAME: {` keys of a type written as an object literal, read from the source text. */
function objectTypeKeys(file: string, typeName: string): string[] {
  const body = new RegExp(`^export type ${typeName} = \\{\\n([\\s\\S]*?)^\\};`, 'm').exec(read(file));
  assert.ok(body, `${file} has no 'export type ${typeName} = { ... };'`);
  return [...body[1]!.matchAll(/^ {2}([A-Z][A-Z0-9_]*): \{/gm)].map((m) => m[1]!);
}

/** The `| 'NAME'` members of a string-union type, read from the source text. */
function unionMembers(file: string, typeName: string): string[] {
  const body = new RegExp(`^export type ${typeName} =\\n([\\s\\S]*?);$`, 'm').exec(read(file));
  assert.ok(body, `${file} has no 'export type ${typeName} = | ...;'`);
  return [...body[1]!.matchAll(/^ {2}\| '([A-Z][A-Z0-9_]*)'/gm)].map((m) => m[1]!);
}

/** The text of every heading of one level, in order. */
function headings(file: string, level: 2 | 3): string[] {
  const marker = '#'.repeat(level);
  return [...read(file).matchAll(new RegExp(`^${marker} (.+)$`, 'gm'))].map((m) => m[1]!.trim());
}

function assertNoDuplicates(list: string[], what: string): void {
  const dups = list.filter((x, i) => list.indexOf(x) !== i);
  assert.deepEqual(dups, [], `duplicate ${what}`);
}

const codes = objectTypeKeys('lib/diagnostics/index.ts', 'DiagnosticArgs');

test('the diagnostic codes are read from lib/diagnostics/index.ts', () => {
  assert.ok(codes.length >= 10, `only found ${codes.join(', ')}`);
  assert.ok(codes.includes('FS_PATH_UNKNOWN'));
  assertNoDuplicates(codes, 'codes');
});

test('docs/diagnostics.md has one ## heading per diagnostic code and no other codes', () => {
  const nonCodeSections = ['Fatal errors (exit code 2)'];
  const found = headings('docs/diagnostics.md', 2);
  assertNoDuplicates(found, 'headings in docs/diagnostics.md');
  const missing = codes.filter((c) => !found.includes(c));
  assert.deepEqual(missing, [], 'codes without a heading in docs/diagnostics.md');
  const unknown = found.filter((h) => !codes.includes(h) && !nonCodeSections.includes(h));
  assert.deepEqual(unknown, [], 'headings in docs/diagnostics.md that name no code in DiagnosticArgs');
});

test('docs/diagnostics.md has one ### heading per fatal error code', () => {
  const errorCodes = unionMembers('lib/errors.ts', 'PolicyErrorCode');
  assert.ok(errorCodes.length > 0);
  const found = headings('docs/diagnostics.md', 3).filter((h) => /^[A-Z][A-Z0-9_]*$/.test(h));
  assertNoDuplicates(found, 'fatal error headings');
  assert.deepEqual([...found].sort(), [...errorCodes].sort(), 'fatal error headings vs PolicyErrorCode');
});

// One sample of every code. The type makes the compiler ask for a new code's sample; the test
// below checks the same at run time (tsx does not type-check), then formats each one.
const samples: { [C in DiagnosticCode]: DiagnosticArgs[C] } = {
  PARSE_FAILED: { message: 'Unexpected token' },
  FILE_UNREADABLE: { path: 'lib/config.js', error: 'EACCES' },
  IMPORT_UNRESOLVED: { specifier: 'express' },
  IMPORT_DYNAMIC: { api: 'require', reason: 'global', name: 'process.argv' },
  FS_PATH_UNKNOWN: { api: 'fs.readFileSync', scope: 'read', reason: 'env-unbound', name: 'DATA_DIR', fallback: 'project' },
  FS_NEEDS_ANCESTOR_READ: { api: 'fs.realpath', path: '/srv/app/data' },
  FS_SYMLINK_NEEDS_FULL: { api: 'fs.symlinkSync' },
  FS_API_DISABLED: { api: 'fs.fchmodSync' },
  FS_GLOB_EMPTY: { api: 'fs.globSync' },
  CAPABILITY_UNAVAILABLE: { capability: 'inspector', target: '22' },
  CAPABILITY_NOT_GATED: { capability: 'net', target: '22' },
  CHILD_NOT_RESTRICTED: { target: '20' },
  TARGET_FLAG_OMITTED: { flag: '--allow-net', capability: 'net', lacking: '24', needing: '25, 26' },
  TARGET_EOL: { major: 20, endOfLife: '2026-04-30', supported: [22, 24, 26] },
  TARGET_OUTSIDE_ENGINES: { target: '20.20.2', engines: '>=22' },
  ADVISORY_UNFIXED: { id: 'CVE-2025-55130', summary: 'symlinks lead out of the grant', affected: '23.11.1', upgradeTo: '24.13.0', basis: 'inferred' },
  FOLDER_GRANT: { path: '/srv/app', rule: 'type-module' },
  ENTRY_MISSING: { entry: 'server.js' },
  FS_PATH_NOT_EXPRESSIBLE: { path: '/srv/app/data/*.txt', scope: 'read', problem: 'wildcard' },
  MODEL_APPLIED: { package: 'serve-static', model: 'shipped:serve-static.json', covers: 1 },
  FLOW_LIMIT: { replays: 50000 },
  MODEL_INVALID: { file: 'permission-models/acme.json', problems: ['"versions" must be a string'] },
  FILE_TOO_LARGE: { path: 'dist/bundle.js', size: 9_437_184, limit: 4_194_304, capabilities: ['fs', 'child-process'] },
  FILE_NOT_TEXT: { path: 'lib/logo.js' },
  TIME_BUDGET_EXCEEDED: { budgetMs: 30_000, analysed: 812, skipped: 95, callsCut: true },
  SCRIPT_OTHER_COMMAND: { script: 'start', command: 'next start', program: 'next' },
  SCRIPT_CODE_NOT_ANALYSED: { script: 'start', command: 'node -e "run()"', reason: 'eval' },
  SCRIPT_ENV_FILE: { script: 'start', file: '.env' },
  SCRIPT_PATHS_ABSOLUTE: { script: 'start', command: 'node server.js', reason: 'child-process', paths: ['/srv/app/server.js'] },
  CODE_GENERATED: { api: 'eval', reason: 'global', name: 'process.argv', from: 'input', fallback: 'warn' },
  MODULE_LOADER_ESCAPED: { api: 'require', how: 'argument', reason: 'loader-escaped', fallback: 'project' },
  TYPESCRIPT_TARGET: { problem: 'transform-flag', releases: '>=22.7.0 <26.0.0', flag: '--experimental-transform-types', syntax: 'TypeScript enum' },
  FS_WRITE_COVERS_CODE: { grant: '/srv/app/lib/*', covers: 'module', path: '/srv/app/lib/db.js', modules: 3, from: 'code' },
  POLICY_WRITE_TOO_BROAD: { source: 'permission.flags', flag: '--allow-fs-write=/srv/app/*', opens: 'project-root' },
  POLICY_VOIDS_MODEL: { source: 'permission.flags', flag: '--allow-child-process', capability: 'child-process' },
  FS_READ_COVERS_SECRETS: { grant: '/srv/app/*', secrets: ['.env', '.npmrc'], from: 'code' },
  GRANT_NAME_PREFIX: { path: '/srv/app/public', scope: 'read', siblings: ['/srv/app/public.json'] },
  WORKER_NOT_CONFINED: { readsCwd: '22, 24, 26' },
  TARGET_RANGE_NARROWED: { engines: '>=20', covers: ['22.13+', '23', '24'], left: ['20', '22.0–22.12'], running: '18.20.0' },
  API_ALWAYS_DENIED: { api: 'fs.fsyncSync', on: '20, 22, 24, 26', workaround: 'skip-fsync' },
  FS_NOT_CHECKED: { api: 'sqlite.DatabaseSync', path: '/srv/app/data.db' },
  CAPABILITY_NOT_GRANTED: { api: 'ffi.dlopen', flag: '--allow-ffi' },
  FILE_TOO_DEEP: { path: 'dist/generated.js', stage: 'parser' },
  PACKAGE_TARGET_INVALID: { specifier: 'dep/sub', field: 'exports', key: './sub', problem: 'segment', packageJson: 'node_modules/dep/package.json' },
  CAPABILITY_ESCAPED: { module: 'fs', api: 'fs.*', fallback: 'warn' },
  POLICY_READ_TOO_BROAD: { source: 'permission.flags', flag: '--allow-fs-read=/', opens: 'disk-root' },
  UNRESOLVED_FALLBACK_REFUSED: { root: '/home/u', opens: 'home', scopes: ['read'] },
  FOLDER_GRANT_LINKS_OUT: { grant: '/srv/app/public/*', scope: 'read', link: '/srv/app/public/disk', target: '/', from: 'code' },
  CALL_NOT_FOLLOWED: { specifier: 'pkg-core', name: 'cjsRequire', bound: 'reexports', limit: 8, fallback: 'warn' },
  CONFIG_OUTSIDE_PROJECT: { file: '/srv/repo/.prettierrc.json', package: 'prettier', folder: 'above-project' },
  EXPORTS_ESCAPED: { specifier: 'dep', path: 'read', how: 'argument', functions: 1, scopes: ['read'], fallback: 'project' },
  FALLBACK_ROOT_ENTRIES: { scope: 'write', root: '/srv/app', withheld: ['.env', 'server.js'], grants: 4, created: ['out'] },
  CAPABILITY_FUNCTION_ESCAPED: { module: 'child_process', api: 'child_process.spawn', how: 'stored' },
  FS_GRANT_IN_HOME: { grant: '/home/u/.npmrc', scope: 'read', home: '/home/u', secret: '/home/u/.npmrc' },
  ADDON_NOT_CONFINED: { api: 'require', package: 'bcrypt' },
  FS_WRITE_COVERS_SECRETS: { grant: '/srv/app/state/*', secrets: ['.env'], from: 'code', folder: '/srv/app/state' },
};

test('the formatter samples cover exactly the codes in DiagnosticArgs', () => {
  assert.deepEqual(Object.keys(samples).sort(), [...codes].sort());
});

for (const code of Object.keys(samples) as DiagnosticCode[]) {
  test(`formatDiagnostic has a case for ${code}`, () => {
    const { message, hint } = formatDiagnostic(diagnostic(code, 'warning', samples[code]));
    assert.equal(typeof message, 'string');
    assert.ok(message.trim().length > 0, 'empty message');
    assert.ok(!message.includes('undefined'), `message shows a missing argument: ${message}`);
    if (hint !== undefined) assert.ok(hint.trim().length > 0, 'empty hint');
  });
}

/** Fixture folder name prefixes that exercise each detector. */
const fixturePrefixes: Record<string, string[]> = {
  fs: ['fs-'],
  'child-process': ['child-process-'],
  worker: ['worker-'],
  addons: ['addon-'],
  wasi: ['wasi-'],
  net: ['net-'],
  inspector: ['inspector-'],
  module: ['cjs-', 'esm-', 'dynamic-import-', 'create-require', 'json-module', 'dependency-', 'miss-require-', 'miss-module-', 'miss-create-require-', 'miss-get-builtin-'],
  'generated-code': ['miss-eval-', 'miss-function-', 'miss-vm-'],
  'capability-escape': ['miss-fs-computed-member-unknown', 'miss-cp-computed-member-unknown', 'miss-fs-copy-'],
};

const fixtureNames = readdirSync(path.join(repo, 'fixtures'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(repo, 'fixtures', e.name, 'app')))
  .map((e) => e.name);

test('the fixture prefix map names exactly the detectors', () => {
  assert.deepEqual(Object.keys(fixturePrefixes).sort(), detectors.map((d) => d.name).sort(), 'add the new detector to fixturePrefixes');
});

test('docs/detectors.md has one ## section per detector and no other detector names', () => {
  const generalSections = ['What all detectors share', 'Not covered by any detector'];
  const found = headings('docs/detectors.md', 2);
  assertNoDuplicates(found, 'headings in docs/detectors.md');
  const names = detectors.map((d) => d.name);
  assert.deepEqual(names.filter((n) => !found.includes(n)), [], 'detectors without a section in docs/detectors.md');
  assert.deepEqual(found.filter((h) => !names.includes(h) && !generalSections.includes(h)), [], 'sections in docs/detectors.md that name no detector');
});

for (const detector of detectors) {
  test(`detector ${detector.name} has a fixture`, () => {
    const prefixes = fixturePrefixes[detector.name] ?? [];
    const matching = fixtureNames.filter((name) => prefixes.some((p) => name.startsWith(p)));
    assert.ok(matching.length > 0, `no fixtures/<case>/app folder starting with ${prefixes.join(' or ') || '(no prefix mapped)'} for detector ${detector.name}`);
  });
}

/** The option names (`--cwd`, `-o`, `--output`) of a usage text's option lines. */
function usageOptions(usage: string): string[] {
  return usage
    .split('\n')
    .filter((line) => /^ {2}-/.test(line))
    .flatMap((line) => line.trim().split(/\s{2,}/)[0]!.split(/,\s*/))
    .map((spec) => spec.split(' ')[0]!);
}

// Each command's options live in cli/commands/<command>-options.ts, which exports its usage text.
const optionFiles = readdirSync(path.join(repo, 'cli', 'commands')).filter((f) => f.endsWith('-options.ts'));

test('the usage texts are found', () => {
  assert.ok(optionFiles.includes('generate-options.ts'), `found ${optionFiles.join(', ')}`);
});

for (const file of optionFiles) {
  test(`docs/cli.md documents every option of cli/commands/${file}`, async () => {
    const { usage } = (await import(pathToFileURL(path.join(repo, 'cli', 'commands', file)).href)) as { usage?: unknown };
    assert.equal(typeof usage, 'string', `cli/commands/${file} exports no usage text`);
    const options = usageOptions(usage as string);
    assert.ok(options.length > 0, `no option lines in the usage text of ${file}`);
    const doc = read('docs/cli.md');
    const missing = options.filter((o) => !doc.includes('`' + o + '`') && !doc.includes('`' + o + ' '));
    assert.deepEqual(missing, [], 'options missing from docs/cli.md');
  });
}

test('docs/cli.md has a section for every --format', () => {
  const found = headings('docs/cli.md', 3);
  const missing = formats.filter((f) => !found.some((h) => h.startsWith('`' + f + '`')));
  assert.deepEqual(missing, [], 'formats without a ### section in docs/cli.md');
});
