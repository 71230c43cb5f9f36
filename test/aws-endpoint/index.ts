/**
 * The local AWS endpoint, for tests and the benchmark. `recordedAccount()` is the recorded account of
 * `fixtures/account/` (one VPC with public and private subnets, a web instance, S3 buckets, IAM).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixtureStore } from './fixtures.js';
import { asOrganisation } from './organisation.js';

export {
  startAwsEndpoint,
  type AwsEndpoint,
  type AwsEndpointOptions,
  type Faults,
  type LoggedRequest,
} from './server.js';
export { FixtureStore } from './fixtures.js';
export { ORGANISATION, roleArnIn } from './organisation.js';
export {
  syntheticAccount,
  syntheticResourceCount,
  SYNTHETIC_ACCOUNT_ID,
  type SyntheticSize,
} from './synthetic.js';

const here = dirname(fileURLToPath(import.meta.url));

export const RECORDED_ACCOUNT_ID = '111122223333';

export function recordedAccount(): FixtureStore {
  return FixtureStore.fromDirectory(join(here, 'fixtures', 'account'));
}

/** The recorded account as the management account of an organisation (see organisation.ts). */
export function recordedOrganisation(): FixtureStore {
  return asOrganisation(recordedAccount(), RECORDED_ACCOUNT_ID);
}

/** Static fake credentials: the endpoint does not check signatures, the SDK only needs something to sign with. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIAEXAMPLECOLLECTOR',
  secretAccessKey: 'example-secret-key',
};
