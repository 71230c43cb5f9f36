/** Credential rotation: IAM access keys (resumable, state in the store) and RDS-managed master passwords. */
export * from './actions.js';
export * from './access-key.js';
export * from './destination.js';
export * from './rds-master.js';
