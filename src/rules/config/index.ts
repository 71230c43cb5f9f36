import type { AnyRule } from '../rule.js';
import accountRecordingAllRegions from './config-account-recording-all-regions.js';
import recorderRecordsAllResources from './config-recorder-records-all-resources.js';

/** The AWS Config rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const configRules: readonly AnyRule[] = [recorderRecordsAllResources, accountRecordingAllRegions];
