/**
 * An account's recordings as the management account of an organisation: `ListAccounts` names it,
 * two active members and a suspended one, and `AssumeRole` hands out credentials for every member's
 * `Audit` role but the locked account's, whose answer carries none (as when the role's trust policy
 * refuses the caller).
 */
import type { FixtureStore } from './fixtures.js';

export const ORGANISATION = {
  role: 'Audit',
  workloads: '444455556666',
  locked: '999988887777',
  suspended: '555566667777',
} as const;

function assumeRoleAnswer(credentials: string): string {
  return (
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>${credentials}` +
    `<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:cloudrounds-collect</AssumedRoleId>` +
    `<Arn>arn:aws:sts::${ORGANISATION.workloads}:assumed-role/${ORGANISATION.role}/cloudrounds-collect</Arn></AssumedRoleUser>` +
    `</AssumeRoleResult><ResponseMetadata><RequestId>{{requestId}}</RequestId></ResponseMetadata></AssumeRoleResponse>`
  );
}

export function asOrganisation(fixtures: FixtureStore, management: string): FixtureStore {
  fixtures.set(
    'organizations/ListAccounts',
    JSON.stringify({
      Accounts: [
        { Id: management, Name: 'management', State: 'ACTIVE' },
        { Id: ORGANISATION.workloads, Name: 'workloads', State: 'ACTIVE' },
        { Id: ORGANISATION.locked, Name: 'locked', State: 'ACTIVE' },
        { Id: ORGANISATION.suspended, Name: 'closed', State: 'SUSPENDED' },
      ],
    }),
  );
  fixtures.set(
    'sts/AssumeRole',
    assumeRoleAnswer(
      '<Credentials><AccessKeyId>ASIAEXAMPLEASSUMED</AccessKeyId><SecretAccessKey>example</SecretAccessKey>' +
        '<SessionToken>example-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>',
    ),
  );
  fixtures.set(
    `sts/AssumeRole/arn:aws:iam::${ORGANISATION.locked}:role/${ORGANISATION.role}`,
    assumeRoleAnswer(''),
  );
  return fixtures;
}

/** The role ARN `--org-role` assumes in an account of the organisation. */
export function roleArnIn(account: string): string {
  return `arn:aws:iam::${account}:role/${ORGANISATION.role}`;
}
