export * from './resource.js';
export * from './snapshot.js';
export * from './coverage.js';
export * from './unresolved.js';
export * from './errors.js';
export * from './types.js';
