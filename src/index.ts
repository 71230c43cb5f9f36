/** The public API of cloudrounds as a library. */
export * from './model/index.js';
export { loadSource, resolveSource } from './sources/index.js';
export type { Source, SourceOptions, ProgressEvent } from './sources/index.js';
export { inventory, type InventoryAnswer } from './questions/inventory.js';
