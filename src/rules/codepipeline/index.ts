import type { AnyRule } from '../rule.js';
import pipelineArtifactStoreEncryptedWithCmk from './codepipeline-pipeline-artifact-store-encrypted-with-cmk.js';
import pipelineLatestExecutionSucceeded from './codepipeline-pipeline-latest-execution-succeeded.js';

/** The CodePipeline rules; every rule file in this folder is listed here (test/meta/rules.test.ts checks). */
export const codepipelineRules: readonly AnyRule[] = [
  pipelineLatestExecutionSucceeded,
  pipelineArtifactStoreEncryptedWithCmk,
];
