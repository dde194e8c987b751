// The report of one analysis (what `analyze()` returns and `--format json` prints) and the
// progress it gives while it runs. Apart from the shared vocabulary (types.ts) because a report
// holds what later stages make: diagnostics and the target's advisories.

import type { TargetAdvisories } from './advisories/index.js';
import type { Diagnostic } from './diagnostics/index.js';
import type { Assumption, Need, PackageName, Policy, Target, Unresolved } from './types.js';

export interface Report {
  schemaVersion: 1;
  tool: { name: 'node-permission-policy'; version: string };
  project: {
    /** Absolute project root (folder of the nearest package.json). */
    root: string;
    /** Absolute entry files. */
    entries: string[];
    /** Project-relative files analysed, in the order they were found. */
    files: string[];
  };
  target: Target;
  policy: Policy;
  /** The flags for `target`, as `toFlags(report)` returns them. */
  flags: string[];
  unresolved: Unresolved[];
  needs: Need[];
  diagnostics: Diagnostic[];
  assumptions: Assumption[];
  /** End-of-life of the target's lines and the Permission Model advisories it still has (absent in reports of 0.1.0). */
  advisories?: TargetAdvisories;
  /**
   * With the `cache` option (the CLI's default): how many of `project.files` came from the cache
   * (`files`: all of them when the whole report was reused), and with per-file records (on by
   * default) how many of those came from their records (`records`: 0 when the whole report was
   * reused or nothing was). Absent without the option.
   */
  cache?: { files: number; records?: number };
}

/** Where a running analysis is, for a progress display: given as each file is taken up. */
export interface AnalyzeProgress {
  /** Files taken up so far, this one included. */
  files: number;
  /** Files found so far (taken up or waiting); grows as imports are followed. */
  found: number;
  /** The file being analysed, relative to the project root. */
  file: string;
  /** The package it belongs to: "." for the app. */
  package: PackageName;
}
