import { describe, expect, it } from 'vitest';
import { INJECTED_NAME, PROD, SECRET, sampleAnswer } from './fixtures/sample.js';
import { dailyJsonSchema, renderDailyJson } from './json.js';

describe('renderDailyJson', () => {
  it('writes a document the schema accepts, without and with history', () => {
    for (const answer of [
      sampleAnswer(),
      sampleAnswer({ history: { first: true } }),
      sampleAnswer({
        history: {
          stillOpen: 3,
          resolved: [
            {
              key: 'k',
              ruleId: 'r',
              severity: 'high',
              category: 'dr',
              title: 't',
              reason: 'gone',
              resource: { type: 'AWS::S3::Bucket', id: 'b', account: PROD, region: 'us-east-1' },
            },
          ],
        },
      }),
    ]) {
      const text = renderDailyJson(answer);
      const parsed = dailyJsonSchema.safeParse(JSON.parse(text));
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(parsed.data?.schemaVersion).toBe(1);
      expect(parsed.data?.findings).toHaveLength(answer.findings.length);
    }
  });

  it('keeps names as data (JSON escapes them) and secrets out', () => {
    const text = renderDailyJson(sampleAnswer());
    expect(
      JSON.parse(text).findings.some(
        (f: { resource: { name?: string } }) => f.resource.name === INJECTED_NAME,
      ),
    ).toBe(true);
    expect(text).not.toContain(SECRET);
  });

  it('rejects a document with an unknown field or a wrong version', () => {
    const doc = JSON.parse(renderDailyJson(sampleAnswer()));
    expect(dailyJsonSchema.safeParse({ ...doc, extra: 1 }).success).toBe(false);
    expect(dailyJsonSchema.safeParse({ ...doc, schemaVersion: 2 }).success).toBe(false);
  });
});
