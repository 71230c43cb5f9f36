/**
 * The Secrets Manager collector driven through the real SDK against the local endpoint with recorded
 * responses (one secret a page), and what reads secrets run on what it collected: the rotation and
 * use rules, the RDS master-password rule's view of a rotating secret, and the IAM engine's
 * resource-policy rules. No secret value is asked for or kept; a policy that could not be read is
 * judged `error`, never "no policy".
 */
import { describe, expect, it } from 'vitest';
import { createGraph } from '../../../../engine/index.js';
import { isUnresolved, type Resource, type Snapshot } from '../../../../model/index.js';
import { iamEngine } from '../../../../questions/iam-findings.js';
import { allRules } from '../../../../rules/index.js';
import { resourceIn, useRecordedCollection } from '../../../../../test/aws-endpoint/recorded-collection.js';
import { statusesByRule } from '../../../../../test/rule-fixtures.js';
import { secrets } from './secrets.js';

const NOW = new Date('2026-11-22T00:30:00Z');
const collect = useRecordedCollection({
  recorded: new URL('./recorded', import.meta.url),
  collectors: [secrets],
  now: NOW,
});

const SECRET = 'AWS::SecretsManager::Secret';
const ACCOUNT = '111122223333';
const ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:`;
/** Managed by RDS: rotated every 7 days, read yesterday; no resource policy. */
const RDS = `${ARN}rds!db-3f2a9c1e-7b4d-4e8f-a1c2-0d9e8f7a6b5c-Xy12Ab`;
/** Never rotated since January 2025, read yesterday; a policy for a partner account. */
const STRIPE = `${ARN}prod/api/stripe-key-Pq34Rs`;
/** Rotation on but stalled since March, unread since February; a policy open to anyone. */
const FTP = `${ARN}legacy/ftp-password-Tu56Vw`;
/** A week old, never read, never rotated; partner rotation metadata. */
const TOKEN = `${ARN}dev/service-token-Yz78Ab`;

/** Every rule on secrets, so a new one is run here too. */
const SECRET_RULES = allRules.filter((r) => r.resourceTypes.includes(SECRET)).map((r) => r.id);
const PUBLIC = 'iam-resource-policy-not-public';
const EXTERNAL = 'iam-resource-policy-no-external-access';

const byId = (snapshot: Snapshot, id: string): Resource => resourceIn(snapshot, SECRET, id);

/** The IAM engine's statuses on secrets (it reports only failures and errors). */
function iamStatuses(snapshot: Snapshot): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const { findings } = iamEngine().run(snapshot, { suppressions: [], params: {} });
  for (const f of findings) if (f.resource.type === SECRET) (out[f.ruleId] ??= {})[f.resource.id] = f.status;
  return out;
}

describe('secretsmanager/secrets', () => {
  it('lists secrets page by page and asks for each one’s resource policy, never a value', async () => {
    const { snapshot, endpoint } = await collect();
    expect(snapshot.coverage).toEqual([]);
    const lists = endpoint.log.filter((r) => r.operation === 'ListSecrets');
    expect(lists).toHaveLength(4);
    expect(lists.every((r) => r.service === 'secretsmanager' && r.params.MaxResults === 100)).toBe(true);
    expect(lists[0]!.params.NextToken).toBeUndefined();
    expect(lists.slice(1).every((r) => typeof r.params.NextToken === 'string')).toBe(true);
    expect(
      endpoint.log
        .filter((r) => r.operation === 'GetResourcePolicy')
        .map((r) => r.params.SecretId)
        .sort(),
    ).toEqual([RDS, STRIPE, FTP, TOKEN].sort());
    const asked = endpoint.log.filter((r) => r.service === 'secretsmanager').map((r) => r.operation);
    expect(new Set(asked)).toEqual(new Set(['ListSecrets', 'GetResourcePolicy']));
    expect(snapshot.resources.map((r) => r.id).sort()).toEqual([RDS, STRIPE, FTP, TOKEN].sort());
  });

  it('maps each secret to CloudFormation’s properties and its rotation and use to observed', async () => {
    const { snapshot } = await collect();
    const rds = byId(snapshot, RDS);
    expect(rds).toMatchObject({
      arn: RDS,
      name: 'rds!db-3f2a9c1e-7b4d-4e8f-a1c2-0d9e8f7a6b5c',
      account: ACCOUNT,
      region: 'us-east-1',
      tags: { 'aws:rds:primaryDBInstanceArn': 'arn:aws:rds:us-east-1:111122223333:db:orders-db' },
    });
    expect(rds.props).toEqual({
      Name: 'rds!db-3f2a9c1e-7b4d-4e8f-a1c2-0d9e8f7a6b5c',
      Description:
        'Secret associated with primary RDS DB instance: arn:aws:rds:us-east-1:111122223333:db:orders-db',
      KmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Tags: [
        { Key: 'aws:rds:primaryDBInstanceArn', Value: 'arn:aws:rds:us-east-1:111122223333:db:orders-db' },
      ],
    });
    expect(rds.observed).toEqual({
      RotationEnabled: true,
      RotationRules: { AutomaticallyAfterDays: 7, ScheduleExpression: 'rate(7 days)' },
      LastRotatedDate: '2026-11-17T03:12:44.000Z',
      LastChangedDate: '2026-11-17T03:12:44.000Z',
      LastAccessedDate: '2026-11-21T00:00:00.000Z',
      NextRotationDate: '2026-11-24T23:59:59.000Z',
      CreatedDate: '2025-05-02T10:00:00.000Z',
      OwningService: 'rds',
    });

    // RotationEnabled left out by the API: rotation was never configured. No KmsKeyId: aws/secretsmanager.
    const stripe = byId(snapshot, STRIPE);
    expect(stripe.observed).toMatchObject({
      RotationEnabled: false,
      CreatedDate: '2025-01-10T12:00:00.000Z',
    });
    expect(stripe.props).not.toHaveProperty('KmsKeyId');
    expect(stripe.observed?.ResourcePolicy).toEqual({
      Version: '2012-10-17',
      Statement: [expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } })],
    });
    expect(byId(snapshot, TOKEN).observed).not.toHaveProperty('LastAccessedDate');
  });

  it('keeps no secret value and drops partner rotation metadata', async () => {
    const { snapshot } = await collect();
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('SecretString');
    expect(text).not.toContain('svc-7f3a9d2e41');
  });

  it('judges rotation, use and resource policies of the secrets as collected', async () => {
    const { snapshot } = await collect();
    const { statuses } = statusesByRule(snapshot, SECRET_RULES, NOW);
    expect(statuses['secretsmanager-secret-rotation-enabled']).toEqual({
      [RDS]: 'pass',
      [STRIPE]: 'fail',
      [FTP]: 'pass',
      [TOKEN]: 'fail',
    });
    expect(statuses['secretsmanager-secret-rotated-recently']).toEqual({
      [RDS]: 'pass',
      [STRIPE]: 'fail',
      [FTP]: 'fail',
      [TOKEN]: 'pass',
    });
    expect(statuses['secretsmanager-secret-in-use']).toEqual({
      [RDS]: 'pass',
      [STRIPE]: 'pass',
      [FTP]: 'fail',
      [TOKEN]: 'pass',
    });
    expect(iamStatuses(snapshot)).toEqual({
      [PUBLIC]: { [FTP]: 'fail' },
      [EXTERNAL]: { [STRIPE]: 'fail' },
    });
  });

  it('lets the RDS master-password rule see that the instance’s secret rotates', async () => {
    const { snapshot } = await collect();
    const db: Resource = {
      type: 'AWS::RDS::DBInstance',
      id: 'billing-db',
      account: ACCOUNT,
      region: 'us-east-1',
      tags: {},
      origin: { source: 'aws' },
      props: {
        DBInstanceIdentifier: 'billing-db',
        Engine: 'postgres',
        MasterUserPassword: `{{resolve:secretsmanager:${STRIPE}:SecretString:password}}`,
      },
    };
    const withDb = (rotating: boolean): Snapshot => ({
      ...snapshot,
      resources: [
        ...snapshot.resources.map((r) =>
          r.id === STRIPE ? { ...r, observed: { ...r.observed, RotationEnabled: rotating } } : r,
        ),
        db,
      ],
    });
    const status = (s: Snapshot) =>
      statusesByRule(s, ['rds-instance-master-password-managed'], NOW).statuses[
        'rds-instance-master-password-managed'
      ]?.['billing-db'];
    expect(status(withDb(true))).toBe('pass');
    expect(status(withDb(false))).toBe('fail');
  });

  it('leaves the resource policy it was denied unresolved, so the policy rules give errors', async () => {
    const { snapshot } = await collect({ deny: [`secretsmanager:GetResourcePolicy/${STRIPE}`] });
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ kind: 'access-denied', resourceType: SECRET, resourceId: STRIPE }),
    );
    expect(isUnresolved(byId(snapshot, STRIPE).observed?.ResourcePolicy)).toBe(true);
    // The listing's facts are still known: the rotation rules judge the secret as before.
    const { statuses } = statusesByRule(snapshot, SECRET_RULES, NOW);
    expect(statuses['secretsmanager-secret-rotation-enabled']?.[STRIPE]).toBe('fail');
    expect(iamStatuses(snapshot)).toEqual({
      [PUBLIC]: { [STRIPE]: 'error', [FTP]: 'fail' },
      [EXTERNAL]: { [STRIPE]: 'error' },
    });
  });

  it('records a denied listing as a gap for the type, with no secrets', async () => {
    const { snapshot } = await collect({ deny: ['secretsmanager:ListSecrets'] });
    expect(snapshot.resources).toEqual([]);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ kind: 'access-denied', resourceType: SECRET, account: ACCOUNT }),
    ]);
    expect(snapshot.coverage[0]).not.toHaveProperty('resourceId');
    expect(
      createGraph(snapshot.resources, snapshot.coverage).unread(SECRET, ACCOUNT, 'us-east-1'),
    ).toBeDefined();
  });
});
