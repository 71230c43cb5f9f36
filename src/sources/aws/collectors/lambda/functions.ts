import {
  GetFunctionConcurrencyCommand,
  GetPolicyCommand,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { unresolved } from '../../../../model/index.js';
import type { Collector, Json, ListCall } from '../../collector.js';
import { isJson } from '../../json.js';
import { detailOf, policyDocument, str } from '../helpers.js';

/**
 * Environment values that are not secrets and keep their form (ARNs, paths, flags, references), so the
 * secrets rule still tells a literal from a reference; every other value is replaced before anything
 * keeps it. An access key id is kept: it names a key, it does not grant one.
 */
function redactValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim();
  if (v === '' || /^(true|false)$/i.test(v) || v.startsWith('{{resolve:') || v.startsWith('arn:'))
    return value;
  if (/^\/[\w\-./]+$/.test(v) || /^\$\{[^}]+\}$/.test(v) || /^(AKIA|ASIA)[A-Z0-9]{16}$/.test(v)) return value;
  return '********';
}

/** Removes environment values (secrets by habit) from a listed function. */
export function redactFunction(fn: Json): Json {
  const env = isJson(fn.Environment) ? fn.Environment : undefined;
  if (!env || !isJson(env.Variables)) return fn;
  const variables = Object.fromEntries(Object.entries(env.Variables).map(([k, v]) => [k, redactValue(v)]));
  return { ...fn, Environment: { ...env, Variables: variables } };
}

/**
 * The function's reserved concurrency from GetFunctionConcurrency: absent from the answer when
 * nothing is reserved; unresolved when the call failed (the runner records the gap), so a function
 * whose reservation could not be read is never reported as having none.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConcurrency.html
 */
function reservedConcurrency(answer: Json | null | undefined, name: string): unknown {
  if (isJson(answer)) return answer.ReservedConcurrentExecutions;
  return unresolved(
    `lambda get-function-concurrency --function-name ${name}`,
    'the reserved concurrency of this function could not be read',
  );
}

/** `lambda list-functions`, every page: the functions of a region, for each collector that reads them. */
export const LIST_FUNCTIONS: ListCall = {
  command: ListFunctionsCommand,
  action: 'lambda:ListFunctions',
  items: ['Functions'],
  paginate: { inputToken: 'Marker', outputToken: 'NextMarker', pageSize: ['MaxItems', 50] },
};

/**
 * `lambda list-functions` + per function `get-policy` and `get-function-concurrency` → `AWS::Lambda::Function` (id = name); the
 * resource policy in `observed.Policy` (`null` when there is none). Environment values are redacted
 * at collection time: they are never kept, journaled or written.
 */
export const functions: Collector = {
  id: 'lambda/functions',
  service: 'lambda',
  resourceTypes: ['AWS::Lambda::Function'],
  list: [LIST_FUNCTIONS],
  details: [
    {
      name: 'policy',
      command: GetPolicyCommand,
      action: 'lambda:GetPolicy',
      notConfigured: ['ResourceNotFoundException'],
      input: (fn) => (typeof fn.FunctionName === 'string' ? { FunctionName: fn.FunctionName } : undefined),
    },
    {
      // ListFunctions does not return the reservation.
      name: 'concurrency',
      command: GetFunctionConcurrencyCommand,
      action: 'lambda:GetFunctionConcurrency',
      input: (fn) => (typeof fn.FunctionName === 'string' ? { FunctionName: fn.FunctionName } : undefined),
    },
  ],
  redact: redactFunction,
  mapping: {
    kind: 'resources',
    map: (data) =>
      (data.items.Functions ?? []).flatMap((fn) => {
        const name = str(fn.FunctionName);
        if (!name) return [];
        const vpc = isJson(fn.VpcConfig) ? fn.VpcConfig : undefined;
        const policy = detailOf(fn, 'policy');
        const observed: Json = {
          State: fn.State,
          LastModified: fn.LastModified,
          CodeSize: fn.CodeSize,
          LastUpdateStatus: fn.LastUpdateStatus,
        };
        // Absent when GetPolicy could not be read (a gap says why); `null` when there is no policy.
        if (policy !== undefined) observed.Policy = policy === null ? null : policyDocument(policy.Policy);
        return [
          {
            type: 'AWS::Lambda::Function',
            id: name,
            arn: str(fn.FunctionArn),
            name,
            props: {
              FunctionName: name,
              Runtime: fn.Runtime,
              Handler: fn.Handler,
              Role: fn.Role,
              MemorySize: fn.MemorySize,
              ReservedConcurrentExecutions: reservedConcurrency(detailOf(fn, 'concurrency'), name),
              Timeout: fn.Timeout,
              PackageType: fn.PackageType,
              Architectures: fn.Architectures,
              KmsKeyArn: fn.KMSKeyArn,
              Environment: fn.Environment,
              TracingConfig: fn.TracingConfig,
              DeadLetterConfig: fn.DeadLetterConfig,
              Layers: Array.isArray(fn.Layers) ? fn.Layers.map((l) => (isJson(l) ? l.Arn : l)) : undefined,
              VpcConfig:
                vpc && Array.isArray(vpc.SubnetIds) && vpc.SubnetIds.length > 0
                  ? { SubnetIds: vpc.SubnetIds, SecurityGroupIds: vpc.SecurityGroupIds }
                  : undefined,
            },
            observed,
          },
        ];
      }),
  },
};
