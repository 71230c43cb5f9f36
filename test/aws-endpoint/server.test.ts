import { afterEach, describe, expect, it } from 'vitest';
import { FixtureStore, recordedAccount, startAwsEndpoint, type AwsEndpoint } from './index.js';

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

/** A signed-looking request: the endpoint routes on the SigV4 credential scope, not the signature. */
function scope(service: string, region = 'us-east-1'): string {
  return `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261122/${region}/${service}/aws4_request, SignedHeaders=host, Signature=00`;
}

async function query(url: string, service: string, params: Record<string, string>, region?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: scope(service, region), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, text: await response.text() };
}

describe('local AWS endpoint', () => {
  it('serves a recorded EC2 listing page by page with nextToken', async () => {
    endpoint = await startAwsEndpoint({ fixtures: recordedAccount(), pageSize: 2 });
    const first = await query(endpoint.url, 'ec2', {
      Action: 'DescribeSubnets',
      Version: '2016-11-15',
      MaxResults: '5',
    });
    expect(first.status).toBe(200);
    expect(first.text).toContain(
      '<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">',
    );
    expect(first.text.match(/<subnetId>/g)).toHaveLength(2);
    const token = /<nextToken>([^<]+)<\/nextToken>/.exec(first.text)?.[1];
    expect(token).toBeDefined();
    const second = await query(endpoint.url, 'ec2', {
      Action: 'DescribeSubnets',
      MaxResults: '5',
      NextToken: token!,
    });
    expect(second.text.match(/<subnetId>/g)).toHaveLength(1);
    expect(second.text).not.toContain('<nextToken>');
    expect(second.text).not.toContain('{{requestId}}');
  });

  it('pages query-protocol listings with Marker and IsTruncated', async () => {
    endpoint = await startAwsEndpoint({ fixtures: recordedAccount(), pageSize: 4 });
    const first = await query(endpoint.url, 'iam', {
      Action: 'GetAccountAuthorizationDetails',
      MaxItems: '100',
    });
    expect(first.text).toContain('<IsTruncated>true</IsTruncated>');
    const marker = /<Marker>([^<]+)<\/Marker>/.exec(first.text)![1]!;
    const second = await query(endpoint.url, 'iam', {
      Action: 'GetAccountAuthorizationDetails',
      Marker: marker,
    });
    expect(second.text).toContain('<IsTruncated>false</IsTruncated>');
    expect((first.text + second.text).match(/<PolicyId>/g)).toHaveLength(2);
  });

  it('answers faults in each protocol’s own error format, and logs every request', async () => {
    endpoint = await startAwsEndpoint({ fixtures: recordedAccount(), faults: { throttleRate: 1 } });
    const ec2 = await query(endpoint.url, 'ec2', { Action: 'DescribeVpcs' });
    expect(ec2.status).toBe(503);
    expect(ec2.text).toMatch(/<Response><Errors><Error><Code>RequestLimitExceeded<\/Code>/);
    const iam = await query(endpoint.url, 'iam', { Action: 'ListUsers' });
    expect(iam.status).toBe(400);
    expect(iam.text).toMatch(/<ErrorResponse xmlns="https:\/\/iam.amazonaws.com\/doc\/2010-05-08\/">/);
    expect(iam.text).toContain('<Code>Throttling</Code>');
    const kms = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        authorization: scope('kms'),
        'x-amz-target': 'TrentService.ListKeys',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{}',
    });
    expect(kms.status).toBe(400);
    expect(await kms.json()).toMatchObject({ __type: 'ThrottlingException' });
    expect(endpoint.log.map((l) => [l.service, l.operation, l.fault])).toEqual([
      ['ec2', 'DescribeVpcs', 'throttle'],
      ['iam', 'ListUsers', 'throttle'],
      ['kms', 'ListKeys', 'throttle'],
    ]);
  });

  it('denies a chosen service or operation, and applies per-operation rate limits', async () => {
    endpoint = await startAwsEndpoint({
      fixtures: new FixtureStore(),
      faults: { deny: ['s3:GetBucketPolicy'], rateLimits: { 'ec2:DescribeVpcs': 1 } },
    });
    const denied = await fetch(`${endpoint.url}/bucket?policy`, { headers: { authorization: scope('s3') } });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain('<Code>AccessDenied</Code>');
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await query(endpoint.url, 'ec2', { Action: 'DescribeVpcs' })).status);
    // One call per second passes; in the same second the others are throttled (a second boundary may let one more through).
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThanOrEqual(1);
  });

  it('tells Classic Load Balancer calls from version 2 by their API version, and pages both with NextMarker', async () => {
    const listing = (ns: string, list: string, names: string[]) =>
      `<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/${ns}/"><DescribeLoadBalancersResult><${list}>${names.map((n) => `<member><LoadBalancerName>${n}</LoadBalancerName></member>`).join('')}</${list}></DescribeLoadBalancersResult><ResponseMetadata><RequestId>{{requestId}}</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`;
    const fixtures = new FixtureStore()
      .set('elb/DescribeLoadBalancers', listing('2012-06-01', 'LoadBalancerDescriptions', ['a', 'b']))
      .set('elasticloadbalancing/DescribeLoadBalancers', listing('2015-12-01', 'LoadBalancers', ['v2']));
    endpoint = await startAwsEndpoint({
      fixtures,
      pageSize: 1,
      faults: { deny: ['elb:DescribeLoadBalancerAttributes'] },
    });
    const classic = { Action: 'DescribeLoadBalancers', Version: '2012-06-01', PageSize: '400' };
    const first = await query(endpoint.url, 'elasticloadbalancing', classic);
    expect(first.text).toContain('xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"');
    expect(first.text).toContain('<LoadBalancerName>a</LoadBalancerName>');
    const marker = /<NextMarker>([^<]+)<\/NextMarker>/.exec(first.text)?.[1];
    expect(marker).toBeDefined();
    expect(first.text).not.toContain('IsTruncated');
    const second = await query(endpoint.url, 'elasticloadbalancing', { ...classic, Marker: marker! });
    expect(second.text).toContain('<LoadBalancerName>b</LoadBalancerName>');
    expect(second.text).not.toContain('NextMarker');
    const v2 = await query(endpoint.url, 'elasticloadbalancing', {
      Action: 'DescribeLoadBalancers',
      Version: '2015-12-01',
    });
    expect(v2.text).toContain('<LoadBalancerName>v2</LoadBalancerName>');
    // A classic call denied, or with nothing recorded, answers in the classic namespace.
    const denied = await query(endpoint.url, 'elasticloadbalancing', {
      Action: 'DescribeLoadBalancerAttributes',
      Version: '2012-06-01',
      LoadBalancerName: 'a',
    });
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"');
    const empty = await query(endpoint.url, 'elasticloadbalancing', {
      Action: 'DescribeInstanceHealth',
      Version: '2012-06-01',
      LoadBalancerName: 'a',
    });
    expect(empty.text).toContain(
      '<DescribeInstanceHealthResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">',
    );
    expect(endpoint.log.map((l) => l.service)).toEqual(['elb', 'elb', 'elasticloadbalancing', 'elb', 'elb']);
  });
});
