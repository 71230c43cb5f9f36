/**
 * The cost engine: priced waste from the cost rules' findings, anomalies in daily spend and
 * commitment advice from the CUR. Pure: prices, findings and aggregated CUR rows are given to it.
 * See docs/cost.md.
 */
export * from './prices/index.js';
export * from './waste.js';
export * from './anomaly.js';
export * from './commitment.js';
export * from './spend.js';
