/** The public API of cloudrounds as a library. */
export * from './model/index.js';
export { loadSource, resolveSource } from './sources/index.js';
export type { Source, SourceOptions, ProgressEvent } from './sources/index.js';
export { readSnapshot, writeSnapshot } from './sources/snapshot/index.js';
export { inventory, type InventoryAnswer } from './questions/inventory.js';
export { runRules, loadConfig, parseConfig, type RunOptions, type RunResult } from './engine/index.js';
export type { Finding, FindingCounts, FindingResource } from './engine/index.js';
export { defineRule, type AnyRule, type Category, type Severity, type Status } from './rules/rule.js';
export { allRules } from './rules/index.js';
export { openStore, defaultStorePath, StoreError, type Store } from './store/index.js';
