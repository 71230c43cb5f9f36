/**
 * Reads a directory of Terraform configuration (or one `.tf` file) into {@link TfInstance}s, expanding
 * local modules and `count`/`for_each` where their values are literal.
 */
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InputError, isUnresolved, unresolved, type CoverageGap } from '../../../model/index.js';
import type { SourceOptions } from '../../types.js';
import { formatIndex, joinAddress } from '../address.js';
import type { TfInstance, TfReadResult } from '../instance.js';
import { providerOf } from '../plan.js';
import {
  evaluate,
  finalize,
  functionArguments,
  ModuleInstance,
  type ArgumentCache,
  type EvalContext,
  type IterContext,
  type ResourceInstance,
} from './evaluate.js';
import { loadModuleConfig, loadTfvars, parseArgument, type HclBody, type ModuleConfig } from './parse.js';

/** Arguments that steer Terraform rather than describe the resource. */
const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
  'dynamic',
]);

const MAX_MODULE_DEPTH = 16;

export async function readTerraformConfiguration(
  input: string,
  options: SourceOptions,
): Promise<TfReadResult> {
  const info = await stat(input);
  const rootDir = info.isDirectory() ? input : dirname(input);
  const gaps: CoverageGap[] = [];
  const configs = new Map<string, ModuleConfig>();

  const rootConfig = await loadModuleConfig(rootDir, info.isDirectory() ? undefined : input);
  if (rootConfig.files.length === 0)
    throw new InputError('no .tf or .tf.json files in this directory', { file: input });
  configs.set(rootDir, rootConfig);
  await loadModuleTree(rootConfig, configs, gaps, 0);

  const args = await parseFunctionArguments(configs);
  const rootValues: Record<string, unknown> = { ...(await loadTfvars(rootDir)), ...(options.params ?? {}) };
  const root = new ModuleInstance('', rootConfig, undefined, rootValues, args);
  expandModules(root, configs, gaps, 0);

  const instances: TfInstance[] = [];
  const regions = new Set<string>();
  const all = allModules(root);
  for (const module of all) enumerateResources(module, gaps);
  for (const module of all) {
    for (const provider of module.config.providers.values()) {
      const region = evaluate(provider.region, context(module, {}));
      if (typeof region === 'string' && region) regions.add(region);
    }
    for (const list of module.resources.values()) {
      for (const ri of list) instances.push(toInstance(ri));
    }
  }
  // Files as the CloudFormation source names them in a directory: relative to the directory loaded.
  const display = (file: string) => relative(rootDir, file) || file;
  for (const inst of instances) inst.file = display(inst.file);
  for (const gap of gaps) if (gap.file) gap.file = display(gap.file);
  // hcl2json orders blocks by type name; keep the order they are written in.
  instances.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  options.onProgress?.({
    phase: 'terraform: configuration read',
    done: instances.length,
    total: instances.length,
  });
  return { instances, gaps, regions: [...regions] };
}

function context(module: ModuleInstance, iter: IterContext, refs = new Set<string>()): EvalContext {
  return { module, iter, refs, depth: 0 };
}

/** Loads the configuration of every local module called, recursively. */
async function loadModuleTree(
  config: ModuleConfig,
  configs: Map<string, ModuleConfig>,
  gaps: CoverageGap[],
  depth: number,
): Promise<void> {
  for (const call of config.modules) {
    const dir = localSource(config.dir, call.body.source);
    if (!dir || configs.has(dir) || depth >= MAX_MODULE_DEPTH) continue;
    const exists = await stat(dir)
      .then((s) => s.isDirectory())
      .catch(() => false);
    if (!exists) continue;
    const child = await loadModuleConfig(dir);
    configs.set(dir, child);
    await loadModuleTree(child, configs, gaps, depth + 1);
  }
}

/** The directory of a local module source (`./modules/net`), undefined for registry or remote sources. */
function localSource(fromDir: string, source: unknown): string | undefined {
  if (typeof source !== 'string') return undefined;
  if (!source.startsWith('./') && !source.startsWith('../') && !isAbsolute(source)) return undefined;
  return resolve(fromDir, source);
}

/** Parses, once per module set, the arguments of the functions the evaluator understands. */
async function parseFunctionArguments(configs: ReadonlyMap<string, ModuleConfig>): Promise<ArgumentCache> {
  const texts = new Set<string>();
  for (const config of configs.values()) {
    for (const r of config.resources) functionArguments(r.body, texts);
    for (const m of config.modules) functionArguments(m.body, texts);
    for (const v of config.locals.values()) functionArguments(v, texts);
    for (const o of config.outputs.values()) functionArguments(o, texts);
  }
  const cache = new Map<string, unknown>();
  for (const text of texts) {
    const parsed = await parseArgument(text);
    if (parsed !== undefined) cache.set(text, parsed);
  }
  return cache;
}

/** Instance keys of a `count` or `for_each`, or why they are not known. */
function instanceKeys(
  body: HclBody,
  ctx: EvalContext,
): { keys: Array<{ index?: string | number; iter: IterContext }> } | { unknown: string } {
  if (body.count !== undefined) {
    const count = evaluate(body.count, ctx);
    if (typeof count !== 'number') return { unknown: `count = ${describe(body.count)}` };
    return { keys: Array.from({ length: count }, (_, i) => ({ index: i, iter: { countIndex: i } })) };
  }
  if (body.for_each !== undefined) {
    const each = finalize(evaluate(body.for_each, ctx));
    if (Array.isArray(each) && each.every((k) => typeof k === 'string')) {
      return { keys: (each as string[]).map((k) => ({ index: k, iter: { each: { key: k, value: k } } })) };
    }
    if (each && typeof each === 'object' && !Array.isArray(each) && !isUnresolved(each)) {
      return {
        keys: Object.entries(each).map(([k, v]) => ({ index: k, iter: { each: { key: k, value: v } } })),
      };
    }
    return { unknown: `for_each = ${describe(body.for_each)}` };
  }
  return { keys: [{ iter: {} }] };
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value.replace(/^\$\{([\s\S]*)\}$/, '$1') : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Creates the child module instances of a module instance, recursively. */
function expandModules(
  module: ModuleInstance,
  configs: ReadonlyMap<string, ModuleConfig>,
  gaps: CoverageGap[],
  depth: number,
): void {
  for (const call of module.config.modules) {
    const source = call.body.source;
    const dir = localSource(module.config.dir, source);
    const config = dir ? configs.get(dir) : undefined;
    const where = { file: call.file, ...(call.line !== undefined ? { line: call.line } : {}) };
    const callAddress = joinAddress(module.address, `module.${call.name}`);
    if (!config || depth >= MAX_MODULE_DEPTH) {
      const why = !dir
        ? `module source ${JSON.stringify(source)} is not a local path; remote modules are not downloaded`
        : depth >= MAX_MODULE_DEPTH
          ? 'modules nested too deeply'
          : `module directory ${JSON.stringify(source)} not found`;
      module.unexpanded.set(call.name, `module ${call.name} not expanded`);
      gaps.push({
        kind: 'unexpanded',
        message: `${callAddress}: ${why}; its resources are not loaded`,
        resourceId: callAddress,
        ...where,
      });
      continue;
    }
    const keys = instanceKeys(call.body, context(module, {}));
    const list: ModuleInstance[] = [];
    const entries = 'keys' in keys ? keys.keys : [{ iter: {} }];
    if ('unknown' in keys) {
      gaps.push({
        kind: 'unresolved-value',
        message: `${callAddress}: ${keys.unknown} is not known from the configuration; one instance assumed`,
        resourceId: callAddress,
        ...where,
      });
    }
    for (const key of entries) {
      const address = key.index === undefined ? callAddress : `${callAddress}${formatIndex(key.index)}`;
      const child = new ModuleInstance(
        address,
        config,
        { body: call.body, caller: module, iter: key.iter },
        module.rootValues,
        module.args,
        key.index,
      );
      list.push(child);
      expandModules(child, configs, gaps, depth + 1);
    }
    module.children.set(call.name, list);
  }
}

function allModules(root: ModuleInstance): ModuleInstance[] {
  const out = [root];
  for (const list of root.children.values()) for (const child of list) out.push(...allModules(child));
  return out;
}

function enumerateResources(module: ModuleInstance, gaps: CoverageGap[]): void {
  for (const resource of module.config.resources) {
    const base = joinAddress(module.address, `${resource.type}.${resource.name}`);
    const keys = instanceKeys(resource.body, context(module, {}));
    if ('unknown' in keys) {
      gaps.push({
        kind: 'unresolved-value',
        message: `${base}: ${keys.unknown} is not known from the configuration; one instance assumed`,
        resourceType: resource.type,
        resourceId: base,
        file: resource.file,
        ...(resource.line !== undefined ? { line: resource.line } : {}),
      });
    }
    const entries = 'keys' in keys ? keys.keys : [{ iter: {} }];
    module.resources.set(
      base,
      entries.map((key) => ({
        address: key.index === undefined ? base : `${base}${formatIndex(key.index)}`,
        ...(key.index !== undefined ? { index: key.index } : {}),
        resource,
        iter: key.iter,
        module,
      })),
    );
  }
}

/** Expands `dynamic "label" { for_each, content }` blocks into the blocks they stand for. */
function dynamicBlocks(body: HclBody, ctx: EvalContext, into: Record<string, unknown>): void {
  const dynamic = body.dynamic;
  if (!dynamic || typeof dynamic !== 'object' || Array.isArray(dynamic)) return;
  for (const [label, specs] of Object.entries(dynamic as Record<string, unknown>)) {
    for (const spec of Array.isArray(specs) ? specs : [specs]) {
      if (!spec || typeof spec !== 'object') continue;
      const s = spec as HclBody;
      const iteratorName = typeof s.iterator === 'string' ? s.iterator.replace(/^\$\{(.*)\}$/, '$1') : label;
      const collection = finalize(evaluate(s.for_each, ctx));
      const content = (Array.isArray(s.content) ? s.content[0] : s.content) as HclBody | undefined;
      const existing = into[label];
      const blocks: unknown[] = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
      const entries: Array<[unknown, unknown]> = Array.isArray(collection)
        ? collection.map((v, i) => [i, v])
        : collection && typeof collection === 'object' && !isUnresolved(collection)
          ? Object.entries(collection)
          : [];
      if (entries.length === 0 && (isUnresolved(collection) || !Array.isArray(collection))) {
        blocks.push(
          unresolved(
            `dynamic "${label}" over ${describe(s.for_each)}`,
            'dynamic block over a value not known',
          ),
        );
      }
      for (const [key, value] of entries) {
        const named = new Map(ctx.iter.named ?? []);
        named.set(iteratorName, { key, value });
        blocks.push(evaluate(content ?? {}, { ...ctx, iter: { ...ctx.iter, named } }));
      }
      into[label] = blocks;
    }
  }
}

function toInstance(ri: ResourceInstance): TfInstance {
  const { resource, module } = ri;
  const values: Record<string, unknown> = {};
  const refs: Record<string, string[]> = {};
  const configured = new Set<string>();
  for (const [key, raw] of Object.entries(resource.body)) {
    if (META_ARGUMENTS.has(key)) continue;
    const ctx = context(module, ri.iter);
    values[key] = evaluate(raw, ctx);
    configured.add(key);
    if (ctx.refs.size > 0) refs[key] = [...ctx.refs];
  }
  const dynamicCtx = context(module, ri.iter);
  dynamicBlocks(resource.body, dynamicCtx, values);
  if (resource.body.dynamic && typeof resource.body.dynamic === 'object') {
    for (const label of Object.keys(resource.body.dynamic)) configured.add(label);
  }
  const finalValues = finalize(values) as Record<string, unknown>;

  const providerKey = providerKeyOf(resource.body.provider, resource.type);
  const providerConfig = findProvider(module, providerKey);
  const instance: TfInstance = {
    address: ri.address,
    type: resource.type,
    name: resource.name,
    moduleAddress: module.address,
    provider: providerOf(resource.type, undefined),
    values: finalValues,
    refs,
    configured,
    file: resource.file,
  };
  if (ri.index !== undefined) instance.index = ri.index;
  if (resource.line !== undefined) instance.line = resource.line;
  if (providerConfig) {
    const region = evaluate(providerConfig.body.region, context(providerConfig.module, {}));
    if (typeof region === 'string' && region) instance.region = region;
    const account = providerAccount(providerConfig.body, providerConfig.module);
    if (account) instance.account = account;
  }
  return instance;
}

/** `provider = aws.west` → `aws.west`; otherwise the provider named by the type prefix. */
function providerKeyOf(provider: unknown, type: string): string {
  if (typeof provider === 'string') return provider.replace(/^\$\{(.*)\}$/, '$1').trim();
  return providerOf(type, undefined);
}

/** The provider configuration in effect: the module's own, else the caller's (modules inherit). */
function findProvider(
  module: ModuleInstance,
  key: string,
): { body: HclBody; module: ModuleInstance } | undefined {
  let current: ModuleInstance | undefined = module;
  while (current) {
    const body = current.config.providers.get(key);
    if (body) return { body, module: current };
    current = current.inputs?.caller;
  }
  return undefined;
}

function providerAccount(body: HclBody, module: ModuleInstance): string | undefined {
  const allowed = finalize(evaluate(body.allowed_account_ids, context(module, {})));
  if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') return allowed[0];
  const assume = Array.isArray(body.assume_role) ? (body.assume_role[0] as HclBody | undefined) : undefined;
  const arn = assume ? evaluate(assume.role_arn, context(module, {})) : undefined;
  const m = typeof arn === 'string' ? /^arn:[^:]+:iam::(\d{12}):/.exec(arn) : null;
  return m?.[1];
}
