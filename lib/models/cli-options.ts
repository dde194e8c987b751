// Command-line parsers a package model describes (`cliOptions`, see docs/models.md): in a file
// that loads commander, `program.option('-o, --out <dir>', 'folder', 'out')` declares an option
// and `program.opts()` returns the object of their values. The analysis cannot follow that
// object through the parser's code (it is built at run time from process.argv), so the model
// names the methods and the evaluator gets the object directly: each option with its default
// (an assumption the report lists) or unknown when it has none.
//
// Both the declarations and the read must be on something made from the package (rootedIn):
// `JSON.parse()` in a yargs app is not yargs's `parse()`. Declarations are taken from the whole
// file that reads the options: a file with two commands gets the options of both, which can
// only add grants.

import { simple } from 'acorn-walk';
import type { DetectOptions } from '../detect/index.js';
import { optionFromFlags, optionsObject, undeclaredOptions, type DeclaredOption } from '../evaluate/cli-options.js';
import { alternatives, argvArgs, evaluate, siteOf, type EvalHooks, type Value } from '../evaluate/index.js';
import { memo, memoKey, type FileModel } from '../parse/index.js';
import { dotName } from '../parse/nodes.js';
import type { PackageName, Site } from '../types.js';
import { sharedEntry, type CliOptions, type PackageModel } from './format.js';
import { rootedIn } from '../parse/rooted.js';
import { fillTemplate } from './template.js';

export interface CliModel {
  model: PackageModel & { cliOptions: CliOptions };
  packageDir: string;
}

/** Whether reading `name` (a call of it, or the property) returns the options under `cli`. */
const returns = (cli: CliOptions, name: string, read: 'call' | 'property') => (read === 'call' ? cli.returnedBy : (cli.properties ?? [])).includes(name);

/**
 * `EvalHooks.parserOptions` for the models with `cliOptions`: `modelsFor(pkg)` lists those of the
 * packages `pkg` loads, `names` every method or property name any of them returns options from
 * (a quick test before the file's package is looked up: this is asked at every member folded).
 */
export function cliOptionsResult(
  modelsFor: (pkg: PackageName) => readonly CliModel[] | undefined,
  names: ReadonlySet<string>,
  packageOf: (file: string) => PackageName,
  /** The detection options, asked at each use: their environment holds what this returns. */
  detect: () => DetectOptions,
): NonNullable<EvalHooks['parserOptions']> {
  const cache = memoKey<Map<PackageModel, DeclaredOption[]>>('declared options'); // per analysis
  const busy = new Set<FileModel>();
  return {
    names,
    called(file, specifier, args) {
      // `minimist(argv)`: a model of the package says its export parses what it is given.
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      const model = modelsFor(packageOf(file.file))?.find((m) => m.model.cliOptions.called && m.model.package === name);
      const argv = args[0];
      if (!model || argv?.k !== 'arr' || !argv.items.every((i) => i.k === 'str')) return undefined;
      return undeclaredOptions(argv.items.map((i) => (i as { v: string }).v));
    },
    value(file, object, name, read, site) {
      if (busy.has(file)) return undefined;
      const models = modelsFor(packageOf(file.file));
      for (const { model, packageDir } of models ?? []) {
        const cli = model.cliOptions;
        if (!returns(cli, name, read) || !rootedIn(file, object, model.package)) continue;
        const perFile = memo(file, cache, () => new Map<PackageModel, DeclaredOption[]>());
        let declared = perFile.get(model);
        if (!declared) {
          busy.add(file); // a default that itself reads the options must not loop
          try {
            declared = declaredIn(file, model.package, cli, packageDir, detect());
          } finally {
            busy.delete(file);
          }
          perFile.set(model, declared);
        }
        // On a known command line (`-- ARGS`, a script, exec) the parser reads it: what is typed wins over the default.
        return optionsObject(declared, cli.undeclared ? site : undefined, argvArgs(detect().env, site));
      }
      return undefined;
    },
  };
}

/** The options a file declares with the model's methods on the package's objects, each with its flags folded to a name. */
function declaredIn(file: FileModel, pkg: string, cli: CliOptions, packageDir: string, options: DetectOptions): DeclaredOption[] {
  const env = options.env;
  const out: DeclaredOption[] = [];
  simple(file.ast, {
    CallExpression(n) {
      if (n.callee.type !== 'MemberExpression' || n.callee.computed) return;
      const spec = sharedEntry(cli.declare, dotName(n.callee));
      if (!spec || !rootedIn(file, n.callee.object, pkg)) return;
      const frame = { model: file, depth: 0 };
      const args = n.arguments.map((a) => evaluate(a, frame, env));
      const index = Number(spec.flags.slice(3));
      const flags = args[index];
      const text = flags && alternatives(flags).find((a) => a.k === 'str');
      const option = text && text.k === 'str' ? optionFromFlags(text.v) : undefined;
      if (!option) return;
      // The flags, not the call: a chain of declarations starts where its first call does.
      const site: Site = siteOf(frame, env, n.arguments[index]!);
      let dflt: Value | undefined;
      for (const template of spec.default === undefined ? [] : Array.isArray(spec.default) ? spec.default : [spec.default]) {
        const v = fillTemplate(template, { args, site, packageDir }, options);
        if (v.k !== 'nullish') {
          dflt = v;
          break;
        }
      }
      out.push({ ...option, ...(dflt ? { default: dflt } : {}), site });
    },
  });
  return out;
}
