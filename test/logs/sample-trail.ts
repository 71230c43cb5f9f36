/**
 * A small CloudTrail delivery under `dir` (the `AWSLogs/<account>/CloudTrail/<region>/Y/M/D/`
 * layout, one gzip `{"Records":[...]}` file): a root console login without MFA and a security
 * group opened to 0.0.0.0/0, which the built-in detections report. Returns the `AWSLogs` folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function writeSampleTrail(dir: string): string {
  const day = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '02');
  mkdirSync(day, { recursive: true });
  const base = {
    eventVersion: '1.08',
    eventTime: '2026-01-02T03:04:05Z',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.5',
    eventType: 'AwsApiCall',
  };
  const records = [
    {
      ...base,
      eventID: 'r1',
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      userIdentity: { type: 'Root', arn: 'arn:aws:iam::111122223333:root', principalId: '111122223333' },
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'No' },
    },
    {
      ...base,
      eventID: 'r2',
      eventSource: 'ec2.amazonaws.com',
      eventName: 'AuthorizeSecurityGroupIngress',
      readOnly: false,
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice' },
      requestParameters: {
        groupId: 'sg-0abc',
        ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
      },
    },
  ];
  writeFileSync(
    join(day, '111122223333_CloudTrail_us-east-1_20260102T0305Z_x.json.gz'),
    gzipSync(JSON.stringify({ Records: records })),
  );
  return join(dir, 'AWSLogs');
}
