import { isUnresolved, type Resource } from '../../model/index.js';
import {
  defineRule,
  describeUnresolved,
  error,
  fail,
  label,
  notApplicable,
  pass,
  type RuleResult,
} from '../rule.js';

const REST_STAGE = 'AWS::ApiGateway::Stage';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const V2_API = 'AWS::ApiGatewayV2::Api';
const ON = new Set(['ERROR', 'INFO']);

/** REST stage: the stage-wide `MethodSettings` entry (`/*`, `*`) logs, and no method turns it off. */
function restStage(stage: Resource, who: string): RuleResult {
  const settings = stage.props.MethodSettings;
  if (isUnresolved(settings)) return error(`${who}: ${describeUnresolved('MethodSettings', settings)}.`);
  const list = (Array.isArray(settings) ? settings : []) as Array<Record<string, unknown>>;
  let stageWide: unknown;
  const off: string[] = [];
  for (const s of list) {
    if (isUnresolved(s?.LoggingLevel))
      return error(`${who}: ${describeUnresolved('MethodSettings LoggingLevel', s.LoggingLevel)}.`);
    const all = s?.ResourcePath === '/*' && s?.HttpMethod === '*';
    if (all) stageWide = s.LoggingLevel;
    else if (s?.LoggingLevel === 'OFF') off.push(`${String(s.HttpMethod)} ${String(s.ResourcePath)}`);
  }
  if (typeof stageWide !== 'string' || !ON.has(stageWide)) {
    return fail(
      `${who} has no stage-wide execution logging (MethodSettings for /* and * with LoggingLevel ERROR or INFO).`,
    );
  }
  if (off.length > 0) return fail(`${who} logs at ${stageWide} but turns logging off for ${off.join(', ')}.`);
  return pass(() => `${who} writes execution logs at ${stageWide} level.`);
}

/**
 * Compliant: the stage writes execution logs to CloudWatch Logs at ERROR or INFO level: for a
 * REST API, the stage-wide method setting (`/*`, `*`) with no method turning it off; for a
 * WebSocket API (ApiGatewayV2), `DefaultRouteSettings.LoggingLevel`. HTTP APIs have no execution
 * logging and are not applicable.
 */
export default defineRule({
  id: 'apigateway-stage-execution-logging-enabled',
  title: 'API Gateway stage writes execution logs',
  category: 'compliance',
  severity: 'medium',
  resourceTypes: [REST_STAGE, V2_STAGE],
  rationale:
    'Execution logs record how API Gateway handled each request: authoriser decisions, integration errors, mapping failures, throttling. When an API returns 5xx or is slow, they are the first place to look, and they are off by default; without them the only trace of a failed request is the client’s complaint.',
  remediation: {
    text: 'Set the account’s CloudWatch Logs role for API Gateway, then turn on execution logging for the whole stage at ERROR (or INFO while troubleshooting; avoid full request logging with sensitive data).',
    cli: 'aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR',
    cloudformation:
      'MethodSettings:\n  - ResourcePath: "/*"\n    HttpMethod: "*"\n    LoggingLevel: ERROR\n    MetricsEnabled: true',
    terraform:
      'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.this.id\n  stage_name  = aws_api_gateway_stage.this.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level   = "ERROR"\n    metrics_enabled = true\n  }\n}',
  },
  controls: ['aws-fsbp:APIGateway.1'],
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html',
  ],
  evaluate(stage, ctx) {
    const who = `API Gateway stage ${label(stage)}`;
    if (stage.type === REST_STAGE) return restStage(stage, who);
    const api =
      typeof stage.props.ApiId === 'string' ? ctx.graph.get(stage.props.ApiId, V2_API, stage) : undefined;
    const protocol = api?.props.ProtocolType;
    if (protocol === 'HTTP')
      return notApplicable(
        () => `${who} belongs to an HTTP API, which has access logs but no execution logs.`,
      );
    const level = (stage.props.DefaultRouteSettings as { LoggingLevel?: unknown } | undefined)?.LoggingLevel;
    if (isUnresolved(level))
      return error(`${who}: ${describeUnresolved('DefaultRouteSettings.LoggingLevel', level)}.`);
    if (typeof level === 'string' && ON.has(level))
      return pass(() => `${who} writes execution logs at ${level} level.`);
    if (protocol !== 'WEBSOCKET')
      return error(
        `${who}: its API is not in the snapshot, so whether it is a WebSocket API (with execution logs) is not known.`,
      );
    return fail(`${who} has no execution logging (DefaultRouteSettings.LoggingLevel ERROR or INFO).`);
  },
});
