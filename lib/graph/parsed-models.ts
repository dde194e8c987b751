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

/**
 * At most this many models stay parsed, whatever their size. A model kept across two
 * young-generation collections (some 150 small modules' worth of allocation) is promoted to the
 * old generation and stays there as garbage until a full collection: 64 KiB of
 * scripts/generate-tree.mjs's modules is 160 models, long enough for nearly every tree to be
 * promoted (330 MiB over the 20,000-module tree; 95 MiB with 32 models). On eslint's tree and
 * the snapshot set the source budget binds first: no file more is parsed again.
 */
export const KEPT_MODELS = 32;

/** How a file was parsed, to parse it again the same way. */
export interface ParseHow {
  format: ModuleKind;
  detectable: boolean;
  bytes: number;
}

export class ParsedModels {
  /**
   * Kept within the budget, least recently used first, as two arrays side by side rather than a
   * Map: a Map that models pass through (set, then deleted) made the young-generation
   * collections keep dropped models alive and promote them (twice the bytes promoted on the
   * 20,000-module tree even with one model kept, docs/limits.md); a slot overwritten or
   * shifted out of an array holds nothing.
   */
  private readonly recentFiles: string[] = [];
  private readonly recentModels: FileModel[] = [];
  private readonly pinned = new Map<string, FileModel>();
  private readonly how = new Map<string, ParseHow>();
  private readonly carried = new Map<string, ReadonlyMap<number, FnKey> | undefined>();
  private bytes = 0;

  constructor(
    private readonly parseAgain: (file: string, how: ParseHow) => FileModel | undefined,
    private readonly budget = KEPT_SOURCE_BYTES,
    private readonly maxModels = KEPT_MODELS,
  ) {}

  /** An examined file whose export table folds returns; `pinned` when it left a summary. */
  keep(file: string, model: FileModel, how: ParseHow, pinned: boolean): void {
    this.how.set(file, how);
    if (pinned) this.pinned.set(file, model);
    else this.add(file, model);
  }

  /** A file that got a summary later (a replay's): its model, if still kept, stays to the end. */
  pin(file: string): void {
    const model = this.take(file);
    if (model) this.pinned.set(file, model);
  }

  /** The model of an examined file kept here: the one it was examined with while kept, else the file parsed again. */
  get(file: string): FileModel | undefined {
    const pinned = this.pinned.get(file);
    if (pinned) return pinned;
    const kept = this.take(file);
    if (kept) {
      this.add(file, kept);
      return kept;
    }
    const how = this.how.get(file);
    const model = how && this.parseAgain(file, how);
    if (!model) return undefined;
    adoptFnKeys(model, this.carried.get(file));
    this.add(file, model);
    return model;
  }

  /** Takes a file's model out of the recent ones, if it is there. */
  private take(file: string): FileModel | undefined {
    const at = this.recentFiles.lastIndexOf(file);
    if (at < 0) return undefined;
    const model = this.recentModels[at]!;
    this.recentFiles.splice(at, 1);
    this.recentModels.splice(at, 1);
    this.bytes -= this.how.get(file)!.bytes;
    return model;
  }

  /** Adds a model as the most recent, and drops the least recent ones beyond the budget (never the one added). */
  private add(file: string, model: FileModel): void {
    this.recentFiles.push(file);
    this.recentModels.push(model);
    this.bytes += this.how.get(file)!.bytes;
    while (this.recentFiles.length > 1 && (this.bytes > this.budget || this.recentFiles.length > this.maxModels)) {
      const older = this.recentFiles.shift()!;
      const m = this.recentModels.shift()!;
      this.bytes -= this.how.get(older)!.bytes;
      this.carried.set(older, carryFnKeys(m));
    }
  }
}
