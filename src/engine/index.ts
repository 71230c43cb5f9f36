/** The rules engine: select rules, run them over a snapshot, apply suppressions. */
export { runRules, countFindings, type RunOptions } from './run.js';
export { plainFinding, plainResource } from './finding.js';
export type { Finding, FindingCounts, FindingResource, RunResult, SuppressionNote } from './finding.js';
export { selectRules, type RuleSelection } from './select.js';
export { resolveParams, type ParamOverrides } from './params.js';
export { loadConfig, parseConfig, CONFIG_FILE, type RunConfig } from './config.js';
export { suppressionSchema, type Suppression } from './suppressions.js';
export { createGraph } from './graph.js';
export { renderRuleDocs } from './rule-docs.js';
export * from '../rules/rule.js';
