import type { Source, SourceOptions } from '../types.js';
import { collectAws, type CollectOptions } from './collect.js';
import { progressDisplay } from './progress.js';

export { collectAws, type CollectOptions, type CollectResult } from './collect.js';
export { COLLECTORS, collectorsById } from './collectors/index.js';
export { readOnlyPolicy, type IamPolicy } from './policy.js';
export type { Collector } from './collector.js';

/** `--source aws` options: the shared source options plus the scope flags (`--profile`, `--regions`, ...). */
export interface AwsSourceOptions extends SourceOptions {
  aws?: Pick<CollectOptions, 'profile' | 'regions' | 'orgRole' | 'externalId' | 'endpointUrl'>;
}

/** `--source aws`: collects the live account(s) with the default credential chain. */
export const awsSource: Source = {
  kind: 'aws',
  load: async (_input, options: AwsSourceOptions) => {
    const display = options.onProgress ? progressDisplay() : undefined;
    try {
      const { snapshot } = await collectAws({
        ...options.aws,
        ...(display ? { onProgress: display.update } : {}),
      });
      return snapshot;
    } finally {
      display?.end();
    }
  },
};
