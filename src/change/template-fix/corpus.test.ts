import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corporaPresent, corpusPath } from '../../../test/corpora.js';
import { allRules } from '../../rules/index.js';
import { listTemplateFiles, looksLikeTemplateText } from '../../sources/cloudformation/index.js';
import { fixCloudFormationText } from './cloudformation.js';
import { changesOutside, touchedSpans } from './fixtures/check.js';
import { testFixFor } from './fixtures/fixes.js';
import type { FixRunOptions, TemplateFixResult } from './types.js';

const options: FixRunOptions = { rules: allRules, fixes: testFixFor };

/** Real templates (AWS's samples) with failing findings that the test fixes close. */
const SAMPLE = [
  'ElasticLoadBalancing/ELB_Access_Logs_And_Connection_Draining.yaml',
  'ElasticLoadBalancing/ELB_Access_Logs_And_Connection_Draining.json',
  'Solutions/DirectoryADClients/DIRECTORY-AD-CLIENTS.yaml',
  'RainModules/bucket.yml',
  'RDS/RDS_MySQL_With_Read_Replica.json',
  'S3/S3_LambdaTrigger.yaml',
  'EC2/EC2InstanceWithSecurityGroupSample.json',
  'Solutions/CloudFrontCustomOriginLambda@Edge/CloudFront.yaml',
  'CloudFormation/MacrosExamples/Count/test.json',
  'Solutions/GitLabAndVSCode/GitLabAndVSCode.yaml',
  'IoT/amzn2-greengrass-cfn-pkg.yaml',
];

function fix(
  file: string,
  text = readFileSync(corpusPath('cfn-templates', file), 'utf8'),
): TemplateFixResult {
  return fixCloudFormationText(text, file, options, dirname(corpusPath('cfn-templates', file)));
}

describe.skipIf(!corporaPresent)('fixing real templates', () => {
  it.each(SAMPLE)('%s: fixed, re-scans clean, changes only the patched resources, idempotent', (file) => {
    const result = fix(file);
    const fixed = result.findings.filter((f) => f.status === 'fixed');
    expect(fixed.length).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.status === 'still-failing')).toEqual([]);
    const spans = touchedSpans(result);
    expect(changesOutside(result, spans.old, spans.new)).toEqual([]);
    const again = fix(file, result.after);
    expect(again.after).toBe(result.after);
    expect(again.findings.filter((f) => f.status === 'fixed')).toEqual([]);
  });
});

// The whole corpus takes a minute on a shared machine: run it with CLOUDROUNDS_FULL_CORPUS=1.
describe.skipIf(!corporaPresent || !process.env.CLOUDROUNDS_FULL_CORPUS)(
  'fixing every corpus template',
  () => {
    it('every applied fix re-scans clean, stays inside its resources and is idempotent', async () => {
      const figures = {
        templates: 0,
        withFixable: 0,
        changed: 0,
        fixed: 0,
        refused: 0,
        stillFailing: 0,
        stray: 0,
        notIdempotent: 0,
      };
      for (const abs of await listTemplateFiles(corpusPath('cfn-templates'))) {
        const text = readFileSync(abs, 'utf8');
        if (!looksLikeTemplateText(text)) continue;
        figures.templates++;
        const file = abs.slice(corpusPath('cfn-templates').length + 1);
        const result = fix(file, text);
        if (result.findings.every((f) => f.status === 'not-fixable')) continue;
        figures.withFixable++;
        figures.fixed += result.findings.filter((f) => f.status === 'fixed').length;
        figures.refused += result.findings.filter((f) => f.status === 'refused').length;
        figures.stillFailing += result.findings.filter((f) => f.status === 'still-failing').length;
        if (result.after === result.before) continue;
        figures.changed++;
        const spans = touchedSpans(result);
        if (changesOutside(result, spans.old, spans.new).length > 0) figures.stray++;
        if (fix(file, result.after).after !== result.after) figures.notIdempotent++;
      }
      console.error('scan --fix over the CloudFormation corpus:', figures);
      expect(figures).toMatchObject({ stillFailing: 0, stray: 0, notIdempotent: 0 });
    }, 600_000);
  },
);
