/**
 * RDS writes of `cloudrounds rotate rds-master`, made in the recording
 * `rds/DescribeDBInstances/<id>`: ModifyDBInstance with ManageMasterUserPassword=true adds the
 * `MasterUserSecret` RDS creates, so the next describe shows the instance as managed.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html
 */
import { randomUUID } from 'node:crypto';
import type { WriteHandler, WriteHandlers } from '../writes.js';
import { ok } from '../writes.js';

const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

const modifyDBInstance: WriteHandler = (request, state) => {
  const id = String(request.params.DBInstanceIdentifier ?? '');
  const key = `rds/DescribeDBInstances/${id}`;
  const xml = state.get(key);
  if (xml === undefined) return state.error(404, 'DBInstanceNotFound', `DBInstance ${id} not found.`);
  let next = xml;
  if (request.params.ManageMasterUserPassword === 'true' && !xml.includes('<MasterUserSecret>')) {
    const secret = `<MasterUserSecret><SecretArn>arn:aws:secretsmanager:${request.region}:111122223333:secret:rds!db-${randomUUID()}</SecretArn><SecretStatus>creating</SecretStatus><KmsKeyId>${String(request.params.MasterUserSecretKmsKeyId ?? 'alias/aws/secretsmanager')}</KmsKeyId></MasterUserSecret>`;
    next = xml.replace('</DBInstance>', `${secret}</DBInstance>`);
    state.set(key, next);
  }
  const instance = /<DBInstance>[\s\S]*<\/DBInstance>/.exec(next)?.[0] ?? '';
  return ok(
    `<ModifyDBInstanceResponse xmlns="${NS}"><ModifyDBInstanceResult>${instance}</ModifyDBInstanceResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></ModifyDBInstanceResponse>`,
  );
};

export const rdsRotationWrites: WriteHandlers = {
  'rds:ModifyDBInstance': modifyDBInstance,
};
