import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import { contextFromPath } from './files.js';
import { tempTree } from './fixtures/tree.js';
import { describeJsonSource, loadDescribeJson, looksLikeDescribeJson } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('directory layouts', () => {
  it('reads account and region from accounts/<id>/<region>/, bare 12-digit and region directories', () => {
    expect(contextFromPath('/data/aws_configs/accounts/111/us-west-1')).toEqual({
      account: '111',
      region: 'us-west-1',
    });
    expect(contextFromPath('/data/123456789012/eu-central-1')).toEqual({
      account: '123456789012',
      region: 'eu-central-1',
    });
    expect(contextFromPath('/data/aws_configs/us-gov-west-1')).toEqual({ region: 'us-gov-west-1' });
    // A bucket directory is a name, whatever it looks like.
    expect(contextFromPath('/data/s3/us-east-1')).toEqual({});
  });

  it('loads a multi-account tree, files named after the command or anything else', async () => {
    const snapshot = await loadDescribeJson(join(fixtures, 'multi-account'));
    expect(snapshot.accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(snapshot.regions).toEqual(['eu-west-1', 'us-east-1']);
    const where = Object.fromEntries(
      snapshot.resources.map((r) => [r.id, `${r.type} ${r.account} ${r.region}`]),
    );
    expect(where).toEqual({
      'vpc-0a1': 'AWS::EC2::VPC 111111111111 eu-west-1',
      'subnet-0a1': 'AWS::EC2::Subnet 111111111111 eu-west-1',
      'tgw-0shared': 'AWS::EC2::TransitGateway 222222222222 eu-west-1',
      'vpc-0b1': 'AWS::EC2::VPC 222222222222 us-east-1',
      'cgw-0b': 'AWS::EC2::CustomerGateway 222222222222 us-east-1',
    });
    // `network.json` held two kinds; its empty SecurityGroups list is read, not reported.
    expect(snapshot.coverage).toEqual([]);
  });

  it('keeps a resource two accounts describe once, preferring the copy read in its owner directory', async () => {
    const snapshot = await loadDescribeJson(join(fixtures, 'multi-account'));
    const gateways = snapshot.resources.filter((r) => r.type === 'AWS::EC2::TransitGateway');
    expect(gateways).toHaveLength(1);
    // The copy under the owner (222…) has the Name tag; the shared view under 111… has none.
    expect(gateways[0]?.name).toBe('core');
    expect(gateways[0]?.origin.file).toBe('accounts/222222222222/eu-west-1/TransitGateways.json');
  });

  it('falls back to options.account and options.region only where the input says nothing', async () => {
    const root = tempTree({
      'gateways.json': {
        CustomerGateways: [{ CustomerGatewayId: 'cgw-1', BgpAsn: '65000', IpAddress: '192.0.2.1' }],
      },
      'vpcs.json': { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] },
    });
    const bare = await loadDescribeJson(root);
    expect(bare.resources.map((r) => [r.account, r.region])).toEqual([
      ['unknown', 'unknown'],
      ['unknown', 'unknown'],
    ]);
    const given = await describeJsonSource.load(root, { account: '999999999999', region: 'ap-south-1' });
    expect(given.resources.map((r) => [r.account, r.region, r.arn])).toEqual([
      ['999999999999', 'ap-south-1', 'arn:aws:ec2:ap-south-1:999999999999:vpc/vpc-1'],
      ['999999999999', 'ap-south-1', 'arn:aws:ec2:ap-south-1:999999999999:customer-gateway/cgw-1'],
    ]);
    const tree = tempTree({ 'accounts/123456789012/eu-north-1/vpcs.json': { Vpcs: [{ VpcId: 'vpc-2' }] } });
    const fromPath = await describeJsonSource.load(tree, { account: '999999999999', region: 'ap-south-1' });
    expect(fromPath.resources.map((r) => [r.account, r.region])).toEqual([['123456789012', 'eu-north-1']]);
  });

  it('reads a single file, a list of pages, and reports a saved first page as incomplete', async () => {
    const root = tempTree({
      'pages.json': [
        { Vpcs: [{ VpcId: 'vpc-a', OwnerId: '123456789012' }], NextToken: 'x' },
        { Vpcs: [{ VpcId: 'vpc-b', OwnerId: '123456789012' }] },
      ],
      'first-page.json': {
        Subnets: [{ SubnetId: 'subnet-a', AvailabilityZone: 'eu-west-3a' }],
        NextToken: 'abc',
      },
    });
    const pages = await loadDescribeJson(join(root, 'pages.json'));
    expect(pages.resources.map((r) => [r.id, r.origin.line])).toEqual([
      ['vpc-a', 4],
      ['vpc-b', 13],
    ]);
    const all = await loadDescribeJson(root);
    expect(all.resources.map((r) => r.id).sort()).toEqual(['subnet-a', 'vpc-a', 'vpc-b']);
    expect(all.coverage.filter((g) => g.kind === 'api-error').map((g) => g.file)).toEqual([
      'first-page.json',
      'pages.json',
    ]);
  });

  it('reads UTF-16 output (PowerShell redirection) and a UTF-8 byte-order mark', async () => {
    const text = JSON.stringify({ Vpcs: [{ VpcId: 'vpc-utf16' }] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify({ Vpcs: [{ VpcId: 'vpc-bom' }] })),
    ]);
    const root = tempTree({ 'a.json': utf16, 'b.json': bom });
    expect((await loadDescribeJson(root)).resources.map((r) => r.id)).toEqual(['vpc-utf16', 'vpc-bom']);
  });
});

describe('looksLikeDescribeJson', () => {
  it('recognises describe output by its top-level keys, in a file or anywhere in a tree', () => {
    expect(looksLikeDescribeJson(join(fixtures, 'multi-account'))).toBe(true);
    expect(looksLikeDescribeJson(join(fixtures, 'network', 'describe-vpcs.json'))).toBe(true);
    expect(looksLikeDescribeJson(join(fixtures, 'iam'))).toBe(true);
  });

  it('does not claim CloudFormation templates, even with describe-like keys nested inside', () => {
    const root = tempTree({
      'template.json': {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { Policies: [], Vpcs: [] } } },
      },
      'notes.txt': '{"Vpcs": []}',
    });
    expect(looksLikeDescribeJson(root)).toBe(false);
    expect(looksLikeDescribeJson(join(root, 'template.json'))).toBe(false);
    expect(looksLikeDescribeJson(join(root, 'missing'))).toBe(false);
  });
});

describe.runIf(corporaPresent)('the layouts of the Batfish snapshots', () => {
  const snapshot = corpusPath('batfish-aws', 'test-transit-gateway-multi-account');

  it('loads the snapshot directory, its aws_configs and one account/region directory alike', async () => {
    const whole = await loadDescribeJson(snapshot);
    const configs = await loadDescribeJson(join(snapshot, 'aws_configs'));
    const ids = (s: typeof whole): string[] =>
      s.resources.map((r) => `${r.type} ${r.id} ${r.account}`).sort();
    expect(ids(configs)).toEqual(ids(whole));
    const one = await loadDescribeJson(
      join(snapshot, 'aws_configs', 'accounts', '951601349076', 'us-east-1'),
    );
    expect(new Set(one.resources.map((r) => r.account))).toEqual(new Set(['951601349076', '028403472736']));
    expect(one.resources.filter((r) => r.type === 'AWS::EC2::VPC').map((r) => r.account)).toEqual([
      '951601349076',
    ]);
  });
});
