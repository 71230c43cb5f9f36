import { describe, it } from 'vitest';
import { expectFixture, expectResources, resource } from '../../../test/rule-fixtures.js';
import rule from './apigateway-stage-waf-associated.js';

const STAGE = 'AWS::ApiGateway::Stage';

describe('apigateway-stage-waf-associated', () => {
  it('links WebACLAssociation resources to the stage they name', async () => {
    await expectFixture(rule, new URL('./fixtures/apigateway-stage-waf-associated.yaml', import.meta.url));
  });

  it('reads the live stage’s web ACL and ARN-named associations', () => {
    expectResources(rule, [
      resource(
        STAGE,
        'PassLiveWebAcl',
        { RestApiId: 'a1b2c3', StageName: 'prod' },
        {
          observed: { WebAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1' },
        },
      ),
      resource(STAGE, 'PassAssociatedByArn', { RestApiId: 'd4e5f6', StageName: 'prod' }),
      resource('AWS::WAFv2::WebACLAssociation', 'assoc-1', {
        ResourceArn: 'arn:aws:apigateway:us-east-1::/restapis/d4e5f6/stages/prod',
        WebACLArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1',
      }),
      resource(STAGE, 'FailOtherStageOfTheApi', { RestApiId: 'd4e5f6', StageName: 'test' }),
    ]);
  });
});
