import { describe, expect, it } from 'vitest';
import { rescanFixed } from '../../../test/fix-fixtures.js';
import { resource } from '../../../test/rule-fixtures.js';
import { createGraph } from '../../engine/index.js';
import { callsOf, stepsOf } from '../fix-testing.js';
import validationFix from './cloudtrail-trail-log-file-validation-enabled.fix.js';
import validationRule from './cloudtrail-trail-log-file-validation-enabled.js';
import multiFix from './cloudtrail-trail-multi-region-enabled.fix.js';
import multiRule from './cloudtrail-trail-multi-region-enabled.js';

const graph = createGraph([]);
const ARN = 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/audit';
const trail = (props: Record<string, unknown>, observed: Record<string, unknown> = {}) =>
  resource(
    'AWS::CloudTrail::Trail',
    'audit',
    { TrailName: 'audit', ...props },
    {
      arn: ARN,
      name: 'audit',
      region: 'eu-west-1',
      observed: { HomeRegion: 'eu-west-1', ...observed },
    },
  );

describe('fix cloudtrail-trail-log-file-validation-enabled', () => {
  it('updates the trail in its home region and undoes to the captured setting', () => {
    const plan = validationFix.plan(trail({ EnableLogFileValidation: false, IsLogging: true }), {
      params: {},
      graph,
    });
    expect(callsOf(plan)).toEqual([
      { client: 'cloudtrail', operation: 'UpdateTrail', input: { Name: ARN, EnableLogFileValidation: true } },
    ]);
    const [step] = stepsOf(plan);
    expect(step!.call.region).toBe('eu-west-1');
    expect(step!.capture).toMatchObject({ operation: 'GetTrail', input: { Name: ARN } });
    expect(step!.undo!({ Trail: { LogFileValidationEnabled: false } })).toMatchObject({
      call: { operation: 'UpdateTrail', input: { Name: ARN, EnableLogFileValidation: false } },
    });
  });

  it('makes the failing template trails pass', () => {
    const url = new URL('./fixtures/cloudtrail-trail-log-file-validation-enabled.yaml', import.meta.url);
    expect(rescanFixed(validationRule, validationFix, url).outcomes).toEqual({
      FailDisabled: 'pass',
      FailNotConfigured: 'pass',
    });
  });
});

describe('fix cloudtrail-trail-multi-region-enabled', () => {
  it('makes a single-region trail multi-region, turning on global service events CloudTrail requires', () => {
    const plan = multiFix.plan(
      trail({ IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false, IsLogging: true }),
      {
        params: {},
        graph,
      },
    );
    expect(callsOf(plan)).toEqual([
      {
        client: 'cloudtrail',
        operation: 'UpdateTrail',
        input: { Name: ARN, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true },
      },
    ]);
    const [step] = stepsOf(plan);
    expect(
      step!.undo!({ Trail: { IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false } }),
    ).toMatchObject({
      call: {
        operation: 'UpdateTrail',
        input: { Name: ARN, IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false },
      },
    });
  });

  it('starts a stopped multi-region trail, and stops it again on undo', () => {
    const plan = multiFix.plan(trail({ IsMultiRegionTrail: true, IsLogging: true }, { IsLogging: false }), {
      params: {},
      graph,
    });
    expect(callsOf(plan)).toEqual([
      { client: 'cloudtrail', operation: 'StartLogging', input: { Name: ARN } },
    ]);
    const [step] = stepsOf(plan);
    expect(step!.capture).toMatchObject({ operation: 'GetTrailStatus', action: 'cloudtrail:GetTrailStatus' });
    expect(step!.undo!({ IsLogging: false })).toMatchObject({
      call: { operation: 'StopLogging', input: { Name: ARN } },
    });
  });

  it('refuses a trail that records only part of the management events', () => {
    const partial = trail({
      IsMultiRegionTrail: false,
      IsLogging: true,
      EventSelectors: [{ ReadWriteType: 'ReadOnly' }],
    });
    expect(multiFix.plan(partial, { params: {}, graph })).toMatchObject({
      cannot: expect.stringContaining('event selectors'),
    });
    expect(multiFix.template!(partial, { params: {}, graph })).toHaveProperty('cannot');
  });

  it('makes the failing template trails pass', () => {
    const url = new URL('./fixtures/cloudtrail-trail-multi-region-enabled.yaml', import.meta.url);
    expect(rescanFixed(multiRule, multiFix, url).outcomes).toEqual({
      FailSingleRegion: 'pass',
      FailSingleRegionByDefault: 'pass',
      FailStopped: 'pass',
    });
  });
});
