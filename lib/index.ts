// Public API. Only names re-exported here are part of the package's contract.
export { analyze } from './analyze.js';
export type { AnalyzeOptions } from './analyze.js';
export type { Preload } from './graph/preload.js';
export { toFlags, toConfig, toShell, toNodeOptions, configFileArgs } from './emit/index.js';
export { toSarif } from './emit/sarif.js';
export type { SarifLog } from './emit/sarif.js';
export type * from './types.js';
export type { Diagnostic, DiagnosticCode, DiagnosticArgs } from './diagnostics/index.js';
export { formatDiagnostic } from './diagnostics/index.js';
export { PolicyError } from './errors.js';
export type { PolicyErrorCode } from './errors.js';
export type { Host } from './host.js';
export { toolVersion } from './version.js';
