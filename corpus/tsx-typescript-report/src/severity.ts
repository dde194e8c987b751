export enum Severity {
  Info,
  Warning,
  Error,
}

export function label(s: Severity): string {
  return Severity[s].toLowerCase();
}
