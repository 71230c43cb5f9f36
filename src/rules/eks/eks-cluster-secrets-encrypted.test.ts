import { describe, it } from 'vitest';
import { expectFixture } from '../../../test/rule-fixtures.js';
import rule from './eks-cluster-secrets-encrypted.js';

describe('eks-cluster-secrets-encrypted', () => {
  it('requires an EncryptionConfig for secrets with a KMS key', async () => {
    await expectFixture(rule, new URL('./fixtures/eks-cluster-secrets-encrypted.yaml', import.meta.url));
  });
});
