import { isUnresolved, type Resource } from '../../model/index.js';
import { subTemplate } from '../cloudwatch/references.js';
import { defineRule, error, fail, label, pass, type GraphView } from '../rule.js';

const STAGE = 'AWS::ApiGateway::Stage';
const ASSOCIATIONS = ['AWS::WAFv2::WebACLAssociation', 'AWS::WAFRegional::WebACLAssociation'];
const STAGE_ARN = /\/restapis\/([^/]+)\/stages\/([^/]+)$/;

/**
 * The API id and stage name an association's `ResourceArn` names. In a template it is usually
 * `!Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}`: the variables are
 * the logical ids, which is how the template's stage refers to them too.
 */
function target(value: unknown): { api: string; stage: string } | 'unknown' | undefined {
  const text =
    typeof value === 'string' ? value : subTemplate(value)?.replace(/\$\{([^}.]+)(\.[^}]*)?\}/g, '$1');
  if (text === undefined) return isUnresolved(value) ? 'unknown' : undefined;
  const m = STAGE_ARN.exec(text);
  return m ? { api: m[1]!, stage: m[2]! } : undefined;
}

function webAcl(stage: Resource, graph: GraphView): string | 'unknown' | undefined {
  const live = stage.observed?.WebAclArn;
  if (typeof live === 'string' && live !== '') return live;
  const names = new Set(
    [stage.props.StageName, stage.id, stage.origin.logicalId].filter((n) => typeof n === 'string'),
  );
  let unknown = false;
  for (const type of ASSOCIATIONS) {
    for (const a of graph.filter(
      type,
      (x) => x.origin.file === stage.origin.file || x.account === stage.account,
    )) {
      const t = target(a.props.ResourceArn);
      if (t === 'unknown') unknown = true;
      else if (t && t.api === stage.props.RestApiId && names.has(t.stage))
        return typeof a.props.WebACLArn === 'string' ? a.props.WebACLArn : label(a);
    }
  }
  return unknown ? 'unknown' : undefined;
}

/**
 * Compliant: a REST API stage is associated with an AWS WAF web ACL (an
 * `AWS::WAFv2::WebACLAssociation` naming the stage, or the live stage's `WebAclArn`).
 */
export default defineRule({
  id: 'apigateway-stage-waf-associated',
  title: 'API Gateway REST stage is protected by a WAF web ACL',
  category: 'security',
  severity: 'medium',
  resourceTypes: [STAGE],
  rationale:
    'API Gateway throttles but does not inspect requests. A WAF web ACL in front of the stage blocks SQL injection and other common exploits with AWS managed rule groups, known bad IP addresses, and floods from one source with rate-based rules, before they reach the integration and its bill.',
  remediation: {
    text: 'Associate a regional WAF web ACL (AWS managed core rule set, known bad inputs, IP reputation and a rate-based rule) with the stage.',
    cli: 'aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>',
    cloudformation:
      'StageWebAcl:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    WebACLArn: !GetAtt ApiWebAcl.Arn\n    ResourceArn: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}',
    terraform:
      'resource "aws_wafv2_web_acl_association" "stage" {\n  resource_arn = aws_api_gateway_stage.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.api.arn\n}',
  },
  controls: ['aws-fsbp:APIGateway.4'],
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html',
  ],
  evaluate(stage, ctx) {
    const who = `API Gateway stage ${label(stage)}`;
    const acl = webAcl(stage, ctx.graph);
    if (acl === 'unknown') return error(`${who}: a web ACL association names a resource that is not known.`);
    if (acl) return pass(() => `${who} is protected by web ACL ${acl}.`);
    return fail(`${who} has no WAF web ACL.`);
  },
});
