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

/**
 * What the store remembers of every examined file that holds folds, for the rest of the graph
 * stage: how it was parsed, packed in one number (packHow), and once its model has left the
 * window the keys its functions were given, flat (ordinal, key, ordinal, key…). A ParseHow object
 * and a Map of keys per file were some 300 bytes each, every one of them copied by two
 * young-generation collections and then promoted (5.7 MiB of the 20,000-module tree's live heap
 * at its last file, docs/benchmarks.md "mem-19e"); a number alone is no object at all.
 */
type Kept = number | (number | FnKey)[];

/** `how` as one number: the byte count, then two bits (format, detectable); a Smi for any file under 256 MiB. */
function packHow(how: ParseHow): number {
  return how.bytes * 4 + (how.format === 'esm' ? 2 : 0) + (how.detectable ? 1 : 0);
}

function unpackHow(packed: number): ParseHow {
  return { format: packed & 2 ? 'esm' : 'cjs', detectable: (packed & 1) === 1, bytes: Math.floor(packed / 4) };
}

/** A kept file's packed ParseHow. */
const howOf = (kept: Kept): number => (typeof kept === 'number' ? kept : (kept[0] as number));

/** The packed entry with `keys` carried: flat pairs after the packed ParseHow, or the number alone when there are none. */
function withKeys(packed: number, keys: ReadonlyMap<number, FnKey> | undefined): Kept {
  if (!keys || keys.size === 0) return packed;
  // Its exact length: an array grown by push keeps room for 16 more (176 bytes a file, measured).
  const flat = new Array<number | FnKey>(1 + keys.size * 2);
  flat[0] = packed;
  let i = 1;
  for (const [at, key] of keys) {
    flat[i++] = at;
    flat[i++] = key;
  }
  return flat;
}

function keysOf(kept: Kept): ReadonlyMap<number, FnKey> | undefined {
  if (typeof kept === 'number') return undefined;
  const keys = new Map<number, FnKey>();
  for (let i = 1; i < kept.length; i += 2) keys.set(kept[i] as number, kept[i + 1] as FnKey);
  return keys;
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
  /** Files taken from their records: how their tree is made when first asked (keepLazily), and whether it is then pinned. */
  private readonly lazy = new Map<string, { tree: () => FileModel | undefined; pinned: () => boolean }>();
  /** Every kept file's ParseHow and, once its model has left the window, its functions' keys (Kept). */
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;

  constructor(
    private readonly parseAgain: (file: string, how: ParseHow) => FileModel | undefined,
    private readonly budget = KEPT_SOURCE_BYTES,
    private readonly maxModels = KEPT_MODELS,
  ) {}

  /** An examined file whose export table folds returns; `pinned` when it left a summary. */
  keep(file: string, model: FileModel, how: ParseHow, pinned: boolean): void {
    this.kept.set(file, packHow(how));
    if (pinned) this.pinned.set(file, model);
    else this.add(file, model);
  }

  /**
   * A file taken from its record (no tree) whose table folds returns: `tree` makes its model when
   * a fold first asks, kept then as `keep` keeps an examined one (pinned if `pinned()` says it
   * left a summary by then).
   */
  keepLazily(file: string, how: ParseHow, tree: () => FileModel | undefined, pinned: () => boolean): void {
    this.kept.set(file, packHow(how));
    this.lazy.set(file, { tree, pinned });
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
    const lazy = this.lazy.get(file);
    if (lazy) {
      this.lazy.delete(file);
      const model = lazy.tree();
      if (model && lazy.pinned()) this.pinned.set(file, model);
      else if (model) this.add(file, model);
      if (model) return model;
    }
    const entry = this.kept.get(file);
    const model = entry !== undefined ? this.parseAgain(file, unpackHow(howOf(entry))) : undefined;
    if (!model) return undefined;
    adoptFnKeys(model, keysOf(entry!));
    this.add(file, model);
    return model;
  }

  /** The source bytes of a kept file. */
  private bytesOf(file: string): number {
    return Math.floor(howOf(this.kept.get(file)!) / 4);
  }

  /** Takes a file's model out of the recent ones, if it is there. */
  private take(file: string): FileModel | undefined {
    const at = this.recentFiles.lastIndexOf(file);
    if (at < 0) return undefined;
    const model = this.recentModels[at]!;
    this.recentFiles.splice(at, 1);
    this.recentModels.splice(at, 1);
    this.bytes -= this.bytesOf(file);
    return model;
  }

  /** Adds a model as the most recent, and drops the least recent ones beyond the budget (never the one added). */
  private add(file: string, model: FileModel): void {
    this.recentFiles.push(file);
    this.recentModels.push(model);
    this.bytes += this.bytesOf(file);
    while (this.recentFiles.length > 1 && (this.bytes > this.budget || this.recentFiles.length > this.maxModels)) {
      const older = this.recentFiles.shift()!;
      const m = this.recentModels.shift()!;
      this.bytes -= this.bytesOf(older);
      this.kept.set(older, withKeys(howOf(this.kept.get(older)!), carryFnKeys(m)));
    }
  }
}
