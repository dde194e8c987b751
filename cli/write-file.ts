// Atomic writes for the files the user asks for (-o). The content goes to a temp file in the
// target's own folder (same file system, so rename(2) replaces the target in one step), is
// flushed, and is renamed over the target: a run that dies at any point leaves either the old
// file or the complete new one. A run killed between creating and renaming its temp file (only
// SIGKILL or a crash can skip the cleanup) leaves that temp file behind; the next write to the
// same target removes it (see removeStaleTemps). Problems a user can fix are PolicyErrors.

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PolicyError, type Report } from '../lib/index.js';

/** Temp names are `.<target name>.npp-<pid>-<random>.tmp`; the target name is cut to stay within NAME_MAX. */
const tempPattern = /^\.(.*)\.npp-(\d+)-[0-9a-f]{8}\.tmp$/s;
const maxNameInTemp = 200;

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long',
};

function notWritable(file: string, why: string, hint = 'check the path and the folder\'s permissions, or choose another -o FILE'): PolicyError {
  return new PolicyError('OUTPUT_NOT_WRITABLE', `cannot write ${file}: ${why}`, hint);
}

/**
 * The file a write to `file` really replaces: `file` itself, or the file a symlink there points
 * to, so that writing through a link updates its target and keeps the link. Throws when the
 * folder is missing or the target is a folder, before any analysis work is done.
 */
export function outputTarget(file: string): string {
  let target = path.resolve(file);
  let stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) {
    try {
      target = fs.realpathSync(target);
    } catch {
      // A dangling link: write the file it names.
      target = path.resolve(path.dirname(target), fs.readlinkSync(target));
    }
    stat = fs.statSync(target, { throwIfNoEntry: false });
  }
  if (stat?.isDirectory()) throw notWritable(file, 'it is a folder', `give a file name, e.g. -o ${path.join(file, 'flags.txt')}`);
  if (stat && !stat.isFile()) throw notWritable(file, 'it is not a regular file');
  const dir = path.dirname(target);
  const dirStat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!dirStat) throw notWritable(file, `the folder ${dir} does not exist`, 'create the folder first, or choose another -o FILE');
  if (!dirStat.isDirectory()) throw notWritable(file, `${dir} is not a folder`);
  return target;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temp files of earlier writes to `target` whose process is gone. Returns their names. */
export function removeStaleTemps(target: string): string[] {
  const dir = path.dirname(target);
  const name = path.basename(target).slice(0, maxNameInTemp);
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const m = tempPattern.exec(entry);
    if (!m || m[1] !== name || isRunning(Number(m[2]))) continue;
    try {
      fs.unlinkSync(path.join(dir, entry));
      removed.push(entry);
    } catch {
      // Gone already, or not ours to remove: either way nothing to do.
    }
  }
  return removed;
}

/** Writes `content` to `file` atomically, keeping an existing file's mode (and owner, when run as root). */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  const target = outputTarget(file);
  removeStaleTemps(target);
  const old = fs.statSync(target, { throwIfNoEntry: false });
  const tmp = path.join(path.dirname(target), `.${path.basename(target).slice(0, maxNameInTemp)}.npp-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': never open something already there (a planted symlink would redirect the write).
    fd = fs.openSync(tmp, 'wx', old ? old.mode & 0o7777 : 0o666);
    if (old) {
      // The umask applied at open; the old file's mode is what the user chose.
      fs.fchmodSync(fd, old.mode & 0o7777);
      if (process.getuid?.() === 0 && (old.uid !== 0 || old.gid !== 0)) fs.fchownSync(fd, old.uid, old.gid);
    }
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw code ? notWritable(file, reasons[code] ?? code) : e;
  }
  syncFolder(path.dirname(target));
}

/** Makes the rename itself durable; not every file system lets a folder be opened or synced. */
function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Durability across a power cut is a bonus; the rename has already happened.
  }
}

/** A policy file must not replace a file the analysis read (the entry, a module, package.json). */
export function refuseInputAsOutput(report: Report, file: string, target: string): void {
  const root = report.project.root;
  const inputs = new Set([path.join(root, 'package.json'), ...report.project.entries, ...report.project.files.map((f) => path.join(root, f))]);
  if (inputs.has(target)) {
    throw notWritable(file, 'the analysis read it as part of the project, and writing the policy there would replace it', 'choose another -o FILE');
  }
}
