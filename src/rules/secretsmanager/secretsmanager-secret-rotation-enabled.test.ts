import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './secretsmanager-secret-rotation-enabled.js';

const SECRET = 'AWS::SecretsManager::Secret';

describe('secretsmanager-secret-rotation-enabled', () => {
  it('looks for a rotation schedule in a template', async () => {
    await expectFixture(
      rule,
      new URL('./fixtures/secretsmanager-secret-rotation-enabled.yaml', import.meta.url),
    );
  });

  it('reads RotationEnabled of live secrets', () => {
    expectResources(rule, [
      resource(SECRET, 'PassRdsManaged', {}, { observed: { RotationEnabled: true, OwningService: 'rds' } }),
      resource(SECRET, 'FailNotRotating', {}, { observed: { RotationEnabled: false } }),
      resource(SECRET, 'NotApplicableNotDescribed', { Name: 'x' }),
      resource(SECRET, 'ErrorGarbled', {}, { observed: { RotationEnabled: 'maybe' } }),
    ]);
  });
});
