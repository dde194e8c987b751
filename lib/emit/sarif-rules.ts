// The words of the SARIF rules of diagnostic codes: a one-line title per code (the capabilities'
// rules are in lib/capabilities.ts). A code without a title still gets a rule (named
// after the code, pointing at docs/diagnostics.md), so adding a code never breaks the SARIF output.

import type { DiagnosticCode } from '../diagnostics/index.js';

export const codeTitles: Partial<Record<DiagnosticCode, string>> = {
  PARSE_FAILED: 'A file the app loads cannot be parsed, so its accesses are not analysed',
  FILE_UNREADABLE: 'A file the app loads cannot be read by the analysis',
  IMPORT_UNRESOLVED: 'A module the app loads cannot be found',
  IMPORT_DYNAMIC: 'A module is loaded by a name the analysis cannot work out',
  FS_PATH_UNKNOWN: 'A file access whose path the analysis cannot work out',
  FS_NEEDS_ANCESTOR_READ: 'An API that needs read access on every folder above its path',
  FS_SYMLINK_NEEDS_FULL: 'Creating symlinks needs unrestricted file access',
  FS_API_DISABLED: 'An API that always fails under the Permission Model',
  FS_GLOB_EMPTY: 'A glob API the Permission Model does not check, which may find nothing',
  CAPABILITY_UNAVAILABLE: 'A capability the target Node version cannot allow',
  CAPABILITY_NOT_GATED: 'A capability the target Node version does not restrict',
  CHILD_NOT_RESTRICTED: 'Child processes do not inherit the Permission Model on the target',
  WORKER_NOT_CONFINED: 'Worker threads can act beyond the policy',
  ADDON_NOT_CONFINED: 'A native addon runs outside the Permission Model',
  FOLDER_GRANT: 'A whole folder is granted',
  ENTRY_MISSING: 'An entry file does not exist',
  GRANT_NAME_PREFIX: 'A folder is granted as a name prefix because another grant extends its name',
  TARGET_RANGE_NARROWED: 'The flags serve only part of engines.node: no one enable flag works on all of it',
  API_ALWAYS_DENIED: 'An API the Permission Model denies whatever is granted',
  FS_NOT_CHECKED: 'A file opened by an API the Permission Model does not check',
  CAPABILITY_NOT_GRANTED: 'An API that needs a flag the policy does not grant',
  FILE_TOO_DEEP: 'A file the app loads is nested too deeply to analyse, so its accesses are not analysed',
  PACKAGE_TARGET_INVALID: 'A package maps a module to an exports or imports target that Node refuses',
};
