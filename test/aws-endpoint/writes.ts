/**
 * Write operations of the local endpoint. A write handler answers one operation (keyed
 * `<signing service>:<Operation>`, e.g. `s3:PutBucketVersioning`, `ec2:ModifyInstanceMetadataOptions`)
 * and changes the recorded state, so a later read or collection sees the change: the recordings are
 * the account's state. Each service's handlers live in `writes/<service>.ts` and are listed in
 * {@link DEFAULT_WRITES}; an operation without a handler answers the protocol's empty success (and is
 * logged like every request), so tests can still count the calls.
 *
 * To add one: write `(request, state) => WireResponse` in `writes/<service>.ts`, read the current state
 * with `state.get(key)` (the same keys as the recordings, see fixtures.ts), store the new one with
 * `state.set(key, body)`, answer as AWS does (`ok(...)`, `state.error(...)`), and add it to the
 * service's exported map.
 */
import type { FixtureStore } from './fixtures.js';
import { errorResponse, type Protocol, type WireResponse } from './protocols.js';
import { dynamodbWrites } from './writes/dynamodb.js';
import { ec2Writes } from './writes/ec2.js';
import { kmsWrites } from './writes/kms.js';
import { s3SettingsWrites } from './writes/s3-settings.js';
import { s3Writes } from './writes/s3.js';
import { applicationAutoscalingWrites } from './writes/application-autoscaling.js';
import { cloudtrailWrites } from './writes/cloudtrail.js';
import { s3ControlWrites } from './writes/s3-control.js';
import { s3PolicyWrites } from './writes/s3-policy.js';
import { ec2EbsWrites } from './writes/ec2-ebs.js';
import { ec2SecurityGroupWrites } from './writes/ec2-security-groups.js';
import { rdsWrites } from './writes/rds.js';
import { secretsManagerWrites } from './writes/secretsmanager.js';

/** What a handler sees of a request. */
export interface WriteRequest {
  service: string;
  operation: string;
  region: string;
  protocol: Protocol;
  /** The decoded input: query/EC2 form parameters, the JSON body, or S3's bucket, query and XML body. */
  params: Record<string, unknown>;
  /** The resource a REST call is about (the bucket). */
  key?: string;
}

/** The recorded state of the endpoint's account, region first (as reads resolve it). */
export interface WriteState {
  /** The recording a read in the request's region would get: `<region>/<key>`, else `<key>`. */
  get(key: string): string | undefined;
  /** Replaces the recording where the read finds it (the regional one when it exists). */
  set(key: string, body: string): void;
  /** An error in the request's protocol. */
  error(status: number, code: string, message: string): WireResponse;
  readonly fixtures: FixtureStore;
}

export type WriteHandler = (request: WriteRequest, state: WriteState) => WireResponse;
export type WriteHandlers = Readonly<Record<string, WriteHandler>>;

export const DEFAULT_WRITES: WriteHandlers = {
  ...s3Writes,
  ...ec2Writes,
  ...dynamodbWrites,
  ...s3SettingsWrites,
  ...kmsWrites,
  ...ec2SecurityGroupWrites,
  ...ec2EbsWrites,
  ...rdsWrites,
  ...s3PolicyWrites,
  ...s3ControlWrites,
  ...cloudtrailWrites,
  ...applicationAutoscalingWrites,
  ...secretsManagerWrites,
};

export function writeState(request: WriteRequest, fixtures: FixtureStore): WriteState {
  const regional = (key: string) => `${request.region}/${key}`;
  return {
    fixtures,
    get: (key) => fixtures.get(regional(key)) ?? fixtures.get(key),
    set: (key, body) => {
      if (fixtures.get(regional(key)) !== undefined || fixtures.get(key) === undefined)
        fixtures.set(regional(key), body);
      else fixtures.set(key, body);
    },
    error: (status, code, message) => errorResponse(request.service, request.protocol, status, code, message),
  };
}

/** A 200 answer with a body of the given content type. */
export function ok(body: string, contentType = 'text/xml;charset=UTF-8'): WireResponse {
  return { status: 200, headers: { 'content-type': contentType }, body };
}
