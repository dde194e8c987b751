// The parsed models the graph keeps after their files are examined, for what importers ask of
// them later: the export table's folds of what a function returns (lib/detect/flow.ts) run on
// the model of the function's file. Keeping every such model to the end held every syntax tree
// of the app's own code (about 18 KiB per module, docs/limits.md), so only the most recently
// used ones are kept, up to a budget of source text; an older file is parsed again when a fold
// asks for it, with the keys its functions were given carried over (adoptFnKeys), so matching
// calls finds them again. A model whose file left a summary is kept to the end: the summary's
// replay holds it anyway. One store per analysis.

import { adoptFnKeys, carryFnKeys, type FnKey } from '../detect/index.js';
import type { FileModel, ModuleKind } from '../parse/index.js';

/**
 * Source text whose models stay parsed, most recently used first. An importer is mostly
 * examined soon after the files it imports (dependencies first), so a fold mostly finds the
 * model it was made with. 64 KiB of source is some 3 MiB of models (up to 50 bytes of model per
 * byte of source for small modules, measured on scripts/generate-tree.mjs's).
 */
export const KEPT_SOURCE_BYTES = 1 << 16;

/** How a file was parsed, to parse it again the same way. */
export interface ParseHow {
  format: ModuleKind;
  detectable: boolean;
  bytes: number;
}

export class ParsedModels {
  /** Kept within the budget, least recently used first. */
  private readonly recent = new Map<string, FileModel>();
  private readonly pinned = new Map<string, FileModel>();
  private readonly how = new Map<string, ParseHow>();
  private readonly carried = new Map<string, ReadonlyMap<number, FnKey> | undefined>();
  private bytes = 0;

  constructor(
    private readonly parseAgain: (file: string, how: ParseHow) => FileModel | undefined,
    private readonly budget = KEPT_SOURCE_BYTES,
  ) {}

  /** An examined file whose export table folds returns; `pinned` when it left a summary. */
  keep(file: string, model: FileModel, how: ParseHow, pinned: boolean): void {
    this.how.set(file, how);
    if (pinned) this.pinned.set(file, model);
    else this.add(file, model);
  }

  /** A file that got a summary later (a replay's): its model, if still kept, stays to the end. */
  pin(file: string): void {
    const model = this.recent.get(file);
    if (!model) return;
    this.recent.delete(file);
    this.bytes -= this.how.get(file)!.bytes;
    this.pinned.set(file, model);
  }

  /** The model of an examined file kept here: the one it was examined with while kept, else the file parsed again. */
  get(file: string): FileModel | undefined {
    const pinned = this.pinned.get(file);
    if (pinned) return pinned;
    const kept = this.recent.get(file);
    if (kept) {
      this.recent.delete(file);
      this.recent.set(file, kept);
      return kept;
    }
    const how = this.how.get(file);
    const model = how && this.parseAgain(file, how);
    if (!model) return undefined;
    adoptFnKeys(model, this.carried.get(file));
    this.add(file, model);
    return model;
  }

  private add(file: string, model: FileModel): void {
    this.recent.set(file, model);
    this.bytes += this.how.get(file)!.bytes;
    for (const [older, m] of this.recent) {
      if (this.bytes <= this.budget || older === file) break;
      this.recent.delete(older);
      this.bytes -= this.how.get(older)!.bytes;
      this.carried.set(older, carryFnKeys(m));
    }
  }
}
