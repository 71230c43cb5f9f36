import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './organizations-organization-all-features-enabled.js';

describe('organizations-organization-all-features-enabled', () => {
  it('fails consolidated billing only', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/organizations-organization-all-features-enabled.yaml', import.meta.url),
    );
  });
});
