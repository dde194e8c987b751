import type { Report } from '../types.js';
export function toFlags(report: Report, target?: string): string[] { return report.flags; }
export function toShell(flags: string[]): string { return flags.join(' '); }
export function toNodeOptions(flags: string[]): string { return flags.join(' '); }
export function toConfig(report: Report, target?: string): object { return {}; }
