import { describe, expect, it } from 'vitest';
import { expectTerraformFixture } from '../../../test/rule-fixtures.js';
import rule from './lambda-function-dead-letter-configured.js';

describe('lambda-function-dead-letter-configured on Terraform', () => {
  it('reads aws_lambda_function_event_invoke_config by the function it names and its qualifier', async () => {
    const findings = await expectTerraformFixture(
      rule,
      new URL('./fixtures/lambda-function-dead-letter-configured-terraform', import.meta.url),
    );
    const reason = (name: string) =>
      findings.find((f) => f.resource.id === `aws_lambda_function.${name}`)?.reason;
    expect(reason('PassOnFailureByArn')).toContain(
      'on-failure destination of aws_lambda_function_event_invoke_config.by_arn',
    );
    expect(reason('FailOnlyAliasHasDestination')).toContain('the on-failure destination set for live');
    expect(reason('ErrorPublishedVersionDestination')).toMatch(
      /invoke_config\.published has an on-failure destination, but its Qualifier is not known/,
    );
  });
});
