// Turns a package model's effects into findings for one call (or one load) of the package:
// placeholders are filled from the call's argument values, and the resulting paths go through
// the same sink as analysed code, so an unknown argument is still reported, never allowed.

import * as path from 'node:path';
import { createSink, emptyFindings, type DetectOptions, type Findings } from '../detect/index.js';
import { alternatives, concat, oneOf, str, unknown, type Value } from '../evaluate/index.js';
import type { Host } from '../host.js';
import type { PackageName, Site } from '../types.js';
import type { Effect, PackageModel, PathTemplate } from './format.js';

export interface ModelCall {
  /** Export path key ('' for the module itself). */
  key: string;
  args: Value[];
  site: Site;
  /** The package making the call. */
  package: PackageName;
  via: Site[];
  /** The modelled package's folder. */
  packageDir: string;
}

function member(v: Value, name: string, site: Site): Value {
  if (v.k === 'obj') return v.props.get(name) ?? { k: 'nullish' };
  if (v.k === 'oneOf') return oneOf(v.vs.map((x) => member(x, name, site)), site);
  if (v.k === 'unknown') return v;
  return { k: 'nullish' };
}

/** Fills a path template; an array value stands for each of its items. */
function fill(template: PathTemplate, call: ModelCall, options: DetectOptions): Value {
  const { env } = options;
  let acc: Value = str('');
  for (const part of template.split(/(\{[^}]+\})/)) {
    if (part === '') continue;
    const m = /^\{([^}]+)\}$/.exec(part);
    let v: Value;
    if (!m) v = str(part);
    else {
      const [head, ...rest] = m[1]!.split('.');
      if (/^arg\d+$/.test(head!)) {
        v = call.args[Number(head!.slice(3))] ?? { k: 'nullish' };
        for (const name of rest) v = member(v, name, call.site);
        if (v.k === 'arr') v = oneOf(v.items, call.site);
      } else if (head === 'cwd') {
        env.assume({ kind: 'cwd', value: env.cwd, site: call.site });
        v = str(env.cwd);
      } else if (head === 'package') v = str(call.packageDir);
      else if (head === 'home') v = str(env.homedir);
      else if (head === 'tmp') v = str(env.tmpdir);
      else if (head === 'env') v = env.env[rest[0]!] !== undefined ? str(env.env[rest[0]!]!) : unknown('env-unbound', call.site, rest[0]);
      else v = unknown('unsupported-expression', call.site, part);
    }
    if (alternatives(v).every((a) => a.k === 'nullish')) return { k: 'nullish' };
    acc = concat(acc, v, call.site);
  }
  return acc;
}

function apply(effects: Effect[], model: PackageModel, call: ModelCall, options: DetectOptions, host: Host): Findings {
  const out = emptyFindings();
  const sink = createSink(out, call.via, () => false, options);
  const api = `${model.package}${call.key ? '.' + call.key : ''}`;
  const sinkCall = { api, args: [], isNew: false, site: call.site, package: call.package, file: call.packageDir, arg: (): Value => ({ k: 'nullish' }) };
  for (const effect of effects) {
    if ('capability' in effect) sink.capability(sinkCall, effect.capability);
    else if ('readConfig' in effect) {
      for (const file of host.glob(effect.readConfig, options.env.cwd)) sink.need({ capability: 'fs.read', path: file }, sinkCall);
    } else {
      const template = 'read' in effect ? effect.read : 'write' in effect ? effect.write : effect.loadsCode;
      let value = fill(template, call, options);
      if (value.k === 'nullish' && effect.default) value = fill(effect.default, call, options);
      if (value.k === 'nullish') continue;
      if ('loadsCode' in effect) {
        sink.moduleValue(sinkCall, value, 'worker');
        continue;
      }
      const scope = 'read' in effect ? 'read' : 'write';
      for (const alt of alternatives(value)) {
        if (effect.subtree && alt.k === 'str') {
          const abs = path.resolve(options.env.cwd, alt.v);
          sink.need({ capability: scope === 'read' ? 'fs.read' : 'fs.write', path: abs, subtree: true }, sinkCall);
        } else sink.fsPath(sinkCall, alt, scope);
      }
    }
  }
  const source = model.source ?? model.package;
  out.needs = out.needs.map((n) => ({ ...n, model: source }));
  return out;
}

export function modelCallFindings(model: PackageModel, call: ModelCall, options: DetectOptions, host: Host): Findings | undefined {
  const effects = model.calls?.[call.key];
  return effects ? apply(effects, model, call, options, host) : undefined;
}

export function modelLoadFindings(model: PackageModel, call: Omit<ModelCall, 'key' | 'args'>, options: DetectOptions, host: Host): Findings | undefined {
  return model.load ? apply(model.load, model, { ...call, key: '', args: [] }, options, host) : undefined;
}
