// Checking a policy by running the app: `--permission-audit` reports every access the policy
// would deny, the recorder preload writes each with its stack, and the accesses are sorted
// against the static report (granted, reported as unresolved, silent). This folder holds the
// pure parts; starting the command (a child process) is the CLI's and the test runner's.

export { auditFlags, auditMajors, auditSupport, type AuditSupport } from './audit-mode.js';
export { classifyAccess, classifyAccesses, type AccessClass, type AuditCapability, type ClassifiedAccess, type ClassifyOptions } from './classify.js';
export { parseRecords, type RecordedAccess, type StackFrame } from './records.js';
export { recordFileVariable, recorderSource, recorderSourceFor } from './recorder-source.js';
export { foldersAtStart, grantsOfReport, verifyOutcome, type GrantSet, type VerifyAccess, type VerifyCounts, type VerifyInput, type VerifyOutcome, type VerifyStatus } from './result.js';
export { observations, refuseBroad, setObserved, type ObserveInput, type ObservedOpens } from './observe.js';
export { sourceLineReader } from './source-lines.js';
