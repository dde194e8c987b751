// The package models one analysis uses, indexed the way the graph asks for them. A model has
// five kinds of entry (docs/models.md): `load` (loading the package), `calls` (calling one of its
// exports), `methods` (a method of that name in a package that loads it), `cliOptions` (the
// options object its command-line parser returns) and `fields` (values it hands to handlers).
// The first two apply where the package is loaded or called; the other three apply in the code
// of the packages that load it, so they are tabled per calling package as the graph finds the
// loads. One index per analysis: its tables are that run's, never shared.

import * as path from 'node:path';
import type { DetectOptions, Findings, MethodCall, ModuleRequest, PendingCall } from '../detect/index.js';
import type { EvalHooks } from '../evaluate/index.js';
import { readJson, type Host } from '../host.js';
import type { PackageName } from '../types.js';
import { modelCallFindings, modelLoadFindings, modelMethodFindings } from './apply.js';
import { cliOptionsResult, type CliModel } from './cli-options.js';
import { fieldValues, type FactoryCall, type FieldModel } from './fields.js';
import type { PackageModel } from './format.js';
import type { ModelSet } from './load.js';

/** One step of a call's re-export chain, as far as a model cares: the specifier written and the package.json it led to. */
export interface ModelHop {
  specifier: string;
  path: string[];
  packageJson?: string;
}

/** Whether a specifier names a package (bare), not a file (`./x`, `/x`) or a subpath import (`#x`). */
const isBare = (specifier: string) => !/^[./#]/.test(specifier);

/** The export path of a call, keyed as in a model's `calls`: a default export is the module itself. */
const exportKey = (p: readonly string[]) => (p[0] === 'default' ? p.slice(1) : p).join('.');

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class ModelIndex {
  /** Packages a model was used for, with the model (for coverWithModels). */
  readonly modelled = new Map<PackageName, PackageModel>();
  /** The evaluator's hooks the models with `cliOptions` and `fields` provide. */
  readonly hooks: Pick<EvalHooks, 'parserOptions' | 'fieldValue'>;
  /** Per calling package: the models with `methods` of the packages it loads, and their method names. */
  private readonly methodModels = new Map<PackageName, { model: PackageModel; packageDir: string }[]>();
  private readonly methodNamesOf = new Map<PackageName, Set<string>>();
  /** Per calling package: the models of command-line parsers it loads (commander); the methods returning their options. */
  private readonly cliModels = new Map<PackageName, CliModel[]>();
  private readonly cliReturning = new Set<string>();
  /** Per calling package: the models of packages that hand it values on objects (multer's req.file.path). */
  private readonly fieldModels = new Map<PackageName, FieldModel[]>();
  private readonly fieldLast = new Set<string>();
  /** Per calling package: its calls of those packages' exports, from the files examined so far. */
  private readonly factoryCalls = new Map<PackageName, FactoryCall[]>();
  /** package.json files whose load model was applied. */
  private readonly loaded = new Set<string>();

  /**
   * `detect` gives the detection options, whose evaluator environment holds this index's own
   * hooks: it is asked only when a model is applied, after the environment is built.
   */
  constructor(
    private readonly host: Host,
    private readonly models: ModelSet | undefined,
    private readonly packageOf: (file: string) => PackageName,
    private readonly detect: () => DetectOptions,
  ) {
    const cli = cliOptionsResult((pkg) => this.cliModels.get(pkg), this.cliReturning, packageOf, detect);
    const fields = fieldValues((pkg) => this.fieldModels.get(pkg), this.fieldLast, packageOf, detect, (pkg) => this.factoryCalls.get(pkg));
    this.hooks = { parserOptions: cli, fieldValue: fields };
  }

  /** The model of the package whose package.json this is, if one covers its version. */
  modelOf(packageJson: string): PackageModel | undefined {
    const pkg = readJson(this.host, packageJson) as { name?: string; version?: string } | undefined;
    const model = pkg?.name ? this.models?.forPackage(pkg.name, pkg.version) : undefined;
    if (model) this.modelled.set(this.packageOf(packageJson), model);
    return model;
  }

  /** The model of the package a call's hop names by a bare specifier, if one covers it. */
  modelAt(hop: ModelHop): PackageModel | undefined {
    return hop.packageJson && isBare(hop.specifier) ? this.modelOf(hop.packageJson) : undefined;
  }

  /** Method names the models of the packages `pkg` loads describe (DetectOptions.methodNames). */
  methodNames(pkg: PackageName): ReadonlySet<string> | undefined {
    return this.methodNamesOf.get(pkg);
  }

  /**
   * The packages whose command-line or field models apply to calls made in `pkg`, as one string:
   * empty when none (then the models' value hooks answer nothing there, whatever they are asked).
   */
  valueModelsOf(pkg: PackageName): string {
    const cli = (this.cliModels.get(pkg) ?? []).map((m) => m.model.package);
    const fields = (this.fieldModels.get(pkg) ?? []).map((m) => m.model.package);
    return cli.length + fields.length === 0 ? '' : `${cli.join(',')}|${fields.join(',')}`;
  }

  /** The names the models' value hooks are asked about (their quick tests), sorted: they grow as packages that use such models are found. */
  valueHookNames(): string[][] {
    const { parserOptions, fieldValue } = this.hooks;
    return [[...(parserOptions?.names ?? [])].sort(), [...(fieldValue?.last ?? [])].sort()];
  }

  /** Whether a package loads one whose model hands values to handlers: its calls are all kept (see recordFactoryCall). */
  hasFieldModels(pkg: PackageName): boolean {
    return this.fieldModels.has(pkg);
  }

  /** `caller` loads the package of `packageJson` by `specifier`: what its model says about the caller's code counts from now on. */
  useBy(caller: PackageName, specifier: string, packageJson: string): void {
    if (!isBare(specifier)) return;
    const model = this.modelOf(packageJson);
    const packageDir = path.dirname(packageJson);
    if (model?.cliOptions) this.useCliModel(caller, { model: model as CliModel['model'], packageDir });
    if (model?.fields) this.useFieldModel(caller, { model: model as FieldModel['model'], packageDir });
    if (!model?.methods) return;
    const list = this.methodModels.get(caller) ?? [];
    if (list.some((m) => m.model === model)) return;
    list.push({ model, packageDir });
    this.methodModels.set(caller, list);
    const names = this.methodNamesOf.get(caller) ?? new Set<string>();
    for (const name of Object.keys(model.methods)) names.add(name);
    this.methodNamesOf.set(caller, names);
  }

  private useCliModel(caller: PackageName, cli: CliModel): void {
    const list = this.cliModels.get(caller) ?? [];
    if (list.some((m) => m.model === cli.model)) return;
    list.push(cli);
    this.cliModels.set(caller, list);
    for (const name of [...cli.model.cliOptions.returnedBy, ...(cli.model.cliOptions.properties ?? [])]) this.cliReturning.add(name);
  }

  private useFieldModel(caller: PackageName, fields: FieldModel): void {
    const list = this.fieldModels.get(caller) ?? [];
    if (list.some((m) => m.model === fields.model)) return;
    list.push(fields);
    this.fieldModels.set(caller, list);
    for (const chain of Object.keys(fields.model.fields)) this.fieldLast.add(chain.slice(chain.lastIndexOf('.') + 1));
  }

  /**
   * Calls into packages whose models hand values to handlers (`multer({ dest })`), for the
   * caller's later files; `packageJsonOf` resolves a call's specifier to its package.json.
   */
  recordFactoryCalls(calls: readonly PendingCall[], packageJsonOf: (call: PendingCall) => string | undefined): void {
    for (const call of calls) {
      if (!isBare(call.specifier)) continue;
      const packageJson = packageJsonOf(call);
      const model = packageJson ? this.modelOf(packageJson) : undefined;
      if (model?.fields) addTo(this.factoryCalls, call.package, { model, key: exportKey(call.path), args: call.args, site: call.site });
    }
  }

  /** A method call by a name the models of the caller's packages describe: each model's findings, to `take` as they are made. */
  applyMethodModels(call: MethodCall, take: (f: Findings) => void): void {
    for (const { model, packageDir } of this.methodModels.get(call.package) ?? []) {
      const found = modelMethodFindings(model, { key: call.name, args: call.args, site: call.site, package: call.package, via: call.via.slice(0, -1), packageDir, madeFrom: call.madeFrom }, this.detect(), this.host);
      if (found) take(found);
    }
  }

  /** What loading the package of `packageJson` needs by its model, the first time it is loaded. */
  loadFindings(request: ModuleRequest, packageJson: string): Findings | undefined {
    if (this.loaded.has(packageJson)) return undefined;
    this.loaded.add(packageJson);
    const model = this.modelOf(packageJson);
    const site = { site: request.site, package: request.package, via: [], packageDir: path.dirname(packageJson) };
    return model && modelLoadFindings(model, site, this.detect(), this.host);
  }

  /** What a call needs by the model of the package at one hop of its re-export chain (`express.static` → `serve-static`). */
  callFindings(call: PendingCall, hop: ModelHop): Findings | undefined {
    const model = this.modelAt(hop);
    if (!model || !hop.packageJson) return undefined;
    const packageDir = path.dirname(hop.packageJson);
    return modelCallFindings(model, { key: exportKey(hop.path), args: call.args, site: call.site, package: call.package, via: call.via.slice(0, -1), packageDir, callerFile: call.from }, this.detect(), this.host);
  }
}
