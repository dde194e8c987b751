// The one error type the library throws on purpose: the run cannot continue (no package.json,
// unknown --target, bad option). It carries a stable code and a hint; the CLI prints both
// without a stack. Anything else that escapes is a bug.

export type PolicyErrorCode =
  | 'NO_PACKAGE_JSON'
  | 'PACKAGE_JSON_INVALID'
  | 'NO_ENTRY'
  | 'ENTRY_NOT_FOUND'
  | 'TARGET_INVALID'
  | 'TARGET_UNSUPPORTED'
  | 'TARGET_RANGE_CONFLICT'
  | 'ADVISORIES_UNAVAILABLE'
  | 'OPTION_INVALID'
  | 'FORMAT_UNSUPPORTED'
  | 'PATH_NOT_EXPRESSIBLE'
  | 'OUTPUT_NOT_WRITABLE'
  | 'SCRIPT_NOT_FOUND'
  | 'SCRIPT_NOT_NODE'
  | 'POLICY_NOT_FOUND'
  | 'POLICY_INVALID'
  | 'COMMAND_LINE_TOO_LONG'
  | 'PERMISSION_POLICY_INVALID';

export class PolicyError extends Error {
  readonly code: PolicyErrorCode;
  readonly hint: string | undefined;
  constructor(code: PolicyErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'PolicyError';
    this.code = code;
    this.hint = hint;
  }
}
