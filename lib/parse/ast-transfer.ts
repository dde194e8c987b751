// A compact encoding of acorn's syntax tree, for moving a tree parsed in a worker thread to the
// main thread (./pool.ts). Measured on 800 files of eslint's tree (docs/design/per-file-summary.md):
// structured cloning the tree costs more than parsing it again, while decoding this stream costs
// about a quarter of a parse. The stream is a pre-order list of tagged values in an Int32Array
// (transferred, not copied); names and raws that are the node's own source text are sliced from
// the text the main thread already holds, other strings go through a small string table.
//
// Each distinct object shape (node type + its keys, in acorn's order) gets a number; the decoder
// builds a small function per shape that makes the object with one literal, so decoded nodes
// have the same keys, in the same order, as acorn's, and V8 gives each shape one hidden class.

import type { Node } from 'acorn';

/** One object shape: a node's type (undefined for a plain object such as `regex`) and its keys in order. */
export interface Shape {
  type: string | undefined;
  keys: string[];
}

/** One encoded tree; `shapes` are the shapes first used by it (a decoder learns them in order). */
export interface EncodedTree {
  ints: Int32Array;
  strings: string[];
  numbers: Float64Array;
  shapes: Shape[];
}

const NULL = 0;
const UNDEFINED = 1;
const TRUE = 2;
const FALSE = 3;
const NODE = 4;
const ARRAY = 5;
const STRING = 6;
const INT = 7;
const DOUBLE = 8;
const REGEXP = 9;
const BIGINT = 10;
const SOURCE = 11;

interface ShapeTrie {
  id: number;
  next: Map<string, ShapeTrie>;
}

/** Encodes trees; keeps the shapes it has numbered, so one encoder serves one decoder. */
export class TreeEncoder {
  private readonly trie = new Map<string, ShapeTrie>();
  private readonly shapes: Shape[] = [];
  private sent = 0;

  encode(ast: Node, source: string): EncodedTree {
    const out = new IntStream();
    const strings: string[] = [];
    const index = new Map<string, number>();
    const numbers: number[] = [];
    const string = (s: string) => {
      let i = index.get(s);
      if (i === undefined) index.set(s, (i = strings.push(s) - 1));
      out.push2(STRING, i);
    };
    const value = (v: unknown, owner: { start: number; end: number } | undefined): void => {
      if (v === null) return out.push(NULL);
      switch (typeof v) {
        case 'undefined': return out.push(UNDEFINED);
        case 'boolean': return out.push(v ? TRUE : FALSE);
        case 'number':
          if ((v | 0) === v && !Object.is(v, -0)) return out.push2(INT, v);
          return out.push2(DOUBLE, numbers.push(v) - 1);
        case 'string':
          // A name or raw is most often exactly the node's source text: sliced again on decoding.
          if (owner && owner.end - owner.start === v.length && source.startsWith(v, owner.start)) return out.push3(SOURCE, owner.start, owner.end);
          return string(v);
        case 'bigint':
          out.push(BIGINT);
          return string(String(v));
        case 'object':
          if (Array.isArray(v)) {
            out.push2(ARRAY, v.length);
            for (const item of v) value(item, undefined);
            return;
          }
          if (v instanceof RegExp) {
            out.push(REGEXP);
            string(v.source);
            return string(v.flags);
          }
          return object(v as Record<string, unknown>);
      }
      throw new TypeError(`cannot encode a ${typeof v}`);
    };
    const object = (o: Record<string, unknown>): void => {
      const id = this.shapeOf(o);
      out.push2(NODE, id);
      const isNode = typeof o.type === 'string';
      for (const key of this.shapes[id]!.keys) if (key !== 'type' || !isNode) value(o[key], isNode ? (o as unknown as { start: number; end: number }) : undefined);
    };
    value(ast, undefined);
    const shapes = this.shapes.slice(this.sent);
    this.sent = this.shapes.length;
    return { ints: out.done(), strings, numbers: Float64Array.from(numbers), shapes };
  }

  private shapeOf(o: Record<string, unknown>): number {
    const type = typeof o.type === 'string' ? o.type : undefined;
    let at: ShapeTrie | undefined = this.trie.get(type ?? '');
    if (!at) this.trie.set(type ?? '', (at = { id: -1, next: new Map() }));
    for (const key in o) {
      let next: ShapeTrie | undefined = at.next.get(key);
      if (!next) at.next.set(key, (next = { id: -1, next: new Map() }));
      at = next;
    }
    if (at.id < 0) at.id = this.shapes.push({ type, keys: Object.keys(o) }) - 1;
    return at.id;
  }
}

/** A growable Int32Array. */
class IntStream {
  private ints = new Int32Array(4096);
  private n = 0;

  push(a: number): void {
    if (this.n + 3 > this.ints.length) this.grow();
    this.ints[this.n++] = a;
  }
  push2(a: number, b: number): void {
    if (this.n + 3 > this.ints.length) this.grow();
    this.ints[this.n++] = a;
    this.ints[this.n++] = b;
  }
  push3(a: number, b: number, c: number): void {
    if (this.n + 3 > this.ints.length) this.grow();
    this.ints[this.n++] = a;
    this.ints[this.n++] = b;
    this.ints[this.n++] = c;
  }
  done(): Int32Array {
    return this.ints.slice(0, this.n);
  }
  private grow(): void {
    const bigger = new Int32Array(this.ints.length * 2);
    bigger.set(this.ints);
    this.ints = bigger;
  }
}

type Read = () => unknown;
type Make = (read: Read) => unknown;

/**
 * acorn's keys and node types are identifiers; anything else is refused rather than written into
 * code. `__proto__` is an identifier too, but as a literal's key it would set the prototype.
 */
const identifier = /^(?!__proto__$)[A-Za-z_$][\w$]*$/;

/**
 * Builds the function that makes one shape's object with a single literal, its values read in
 * key order. The code is made from the shape's key and type names only, each checked to be an
 * identifier: no text of the analysed file gets into it.
 */
function maker(shape: Shape): Make {
  if (shape.type !== undefined && !identifier.test(shape.type)) throw new TypeError(`unexpected node type ${shape.type}`);
  const fields = shape.keys.map((key) => {
    if (!identifier.test(key)) throw new TypeError(`unexpected key ${key}`);
    return key === 'type' && shape.type !== undefined ? `type: ${JSON.stringify(shape.type)}` : `${key}: read()`;
  });
  // eslint-disable-next-line no-new-func -- our own code, from identifiers checked above
  return new Function('read', `return { ${fields.join(', ')} };`) as Make;
}

/** Decodes the trees of one encoder, in the order it encoded them. */
export class TreeDecoder {
  private readonly makers: Make[] = [];

  /** Learns the shapes a tree introduced; call for every tree, in order, even one not decoded. */
  learn(tree: EncodedTree): void {
    for (const shape of tree.shapes) this.makers.push(maker(shape));
  }

  /** The tree, built from `source`, the exact text the encoder parsed. */
  decode(tree: EncodedTree, source: string): Node {
    const { ints, strings, numbers } = tree;
    const makers = this.makers;
    let i = 0;
    const read: Read = () => {
      switch (ints[i++]) {
        case NULL: return null;
        case UNDEFINED: return undefined;
        case TRUE: return true;
        case FALSE: return false;
        case INT: return ints[i++];
        case DOUBLE: return numbers[ints[i++]!];
        case STRING: return strings[ints[i++]!];
        case SOURCE: return source.slice(ints[i++], ints[i++]);
        case BIGINT: return BigInt(read() as string);
        case REGEXP: return new RegExp(read() as string, read() as string);
        case ARRAY: {
          const items = new Array<unknown>(ints[i++]!);
          for (let j = 0; j < items.length; j++) items[j] = read();
          return items;
        }
        case NODE: return makers[ints[i++]!]!(read);
      }
      throw new TypeError(`bad tag at ${i - 1}`);
    };
    return read() as Node;
  }
}
