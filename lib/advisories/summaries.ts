// Our one-line summaries of the Permission Model vulnerabilities in the Node.js security working
// group's index, written for this project (not copied from the index), and the index entries
// that mention permissions but are not about the Permission Model. Together they are the
// reviewed list: scripts/generate-advisories.ts refuses to compile an index with a Permission
// Model entry that is in neither, so a new advisory gets a summary before it ships.

/** CVE id -> what an attacker could do, in one line. */
export const summaries: Readonly<Record<string, string>> = {
  'CVE-2023-30582': 'fs.watchFile() was not checked, so files outside a narrow read grant could be watched for changes.',
  'CVE-2023-30583': 'fs.openAsBlob() skipped the read check, so any file could be read through it.',
  'CVE-2023-30584': 'A crafted path with ../ segments could pass the grant check and reach files outside the granted folders.',
  'CVE-2023-30586': 'Loading an OpenSSL engine (crypto.setEngine) runs native code that can switch the model off.',
  'CVE-2023-30587': 'The node:inspector module offered a way around the restrictions of --experimental-permission.',
  'CVE-2023-32004': 'Paths given as Buffers were not normalised before the check, so ../ could leave the granted folders.',
  'CVE-2023-32558': 'The deprecated process.binding() reached internals directly and could walk out of the granted folders.',
  'CVE-2023-32005': 'fs.statfs() was not checked against a read grant narrower than *.',
  'CVE-2023-32003': 'fs.mkdtemp() accepted a prefix with ../ and created folders outside the write grant.',
  'CVE-2023-39331': 'The fix for CVE-2023-30584 could be undone by replacing built-in path helpers from user code.',
  'CVE-2023-39332': 'Paths given as a Uint8Array (not a string or Buffer) escaped the ../ check.',
  'CVE-2024-21891': 'User code could replace the helpers that normalise fs paths and so step out of the granted folders.',
  'CVE-2024-21890': 'A * inside an --allow-fs-read or --allow-fs-write path matched more than the grant seemed to allow.',
  'CVE-2024-21896': 'Patching Buffer internals from user code could change a path after it had been checked.',
  'CVE-2024-36137': 'fs.fchmod() and fs.fchown() on a descriptor opened for reading changed mode and owner without a write grant.',
  'CVE-2024-22018': 'fs.lstat() was not checked, so details of files outside the read grant could be read.',
  'CVE-2024-37372': 'On Windows, paths starting with two backslashes were trimmed wrongly before the check.',
  'CVE-2025-23083': 'diagnostics_channel exposed internal workers whose constructor could start threads without --allow-worker.',
  'CVE-2025-55130': 'A chain of folders and relative symlinks let code granted one folder read and write files outside it.',
  'CVE-2025-55132': 'fs.futimes() changed file timestamps with only read access.',
  'CVE-2026-21636': 'Connections to Unix domain sockets (net, tls, fetch) were not covered by --allow-net.',
  'CVE-2026-21711': 'A server could listen on a Unix domain socket without --allow-net.',
  'CVE-2026-21715': 'fs.realpathSync.native() was not checked, revealing which paths exist and where symlinks point.',
  'CVE-2026-21716': 'FileHandle.chmod() and chown() from fs/promises changed files without a write grant (an incomplete fix of CVE-2024-36137).',
};

/**
 * CVE id -> why an entry that the words of compile.ts take for a Permission Model advisory is
 * not one. Empty today: every entry affecting 20 or later that those words match is about the
 * model. (Older entries about the removed --experimental-policy never match: the model shipped in
 * 20, so only lines from 20 on are considered.)
 */
export const notPermissionModel: Readonly<Record<string, string>> = {};
