import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './ec2-subnet-no-auto-assign-public-ip.js';

describe('ec2-subnet-no-auto-assign-public-ip', () => {
  it('fails subnets that map public IPs on launch', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/ec2-subnet-no-auto-assign-public-ip.yaml', import.meta.url),
    );
  });
});
