import { describe, expect, it } from 'vitest';
import { athenaDdl } from './athena-ddl.js';
import { builtinDetections, detectionSql } from './detections.js';
import { deniedSql, rejectedSql, timelineSql, topTalkersSql, whoSql } from './questions.js';

/** Spellings that exist in DuckDB only; none may reach Athena (Trino). */
const DUCKDB_ONLY = [
  /\bILIKE\b/,
  /json_extract_string/,
  /\bstrftime\(/,
  /\bepoch\(/,
  /regexp_matches/,
  /to_timestamp\(/,
  /useridentity_/,
  /sessionissuer_/,
  /::[A-Z]/,
];

describe('one SQL builder, two dialects', () => {
  const questions = {
    who: (d: 'duckdb' | 'athena') => whoSql(d, 'sg-1'),
    timeline: (d: 'duckdb' | 'athena') => timelineSql(d, 'alice'),
    denied: (d: 'duckdb' | 'athena') => deniedSql(d),
    rejected: (d: 'duckdb' | 'athena') => rejectedSql(d, { ip: '10.0.0.1', eni: 'eni-1' }),
    topTalkers: (d: 'duckdb' | 'athena') => topTalkersSql(d),
  };

  it('renders every question and detection for Athena without DuckDB-only syntax', () => {
    const texts = [
      ...Object.values(questions).map((q) => q('athena')),
      ...builtinDetections().map((d) => detectionSql('athena', d)),
    ];
    for (const text of texts) for (const pattern of DUCKDB_ONLY) expect(text).not.toMatch(pattern);
  });

  it('keeps the logic: same tables, filters and ordering, different spelling', () => {
    expect(questions.who('athena')).toContain("NOT coalesce(lower(readonly) = 'true'");
    expect(questions.who('duckdb')).toContain('NOT coalesce(readonly,');
    expect(questions.timeline('athena')).toContain(
      "json_extract_scalar(responseelements, '$.assumedRoleUser.arn')",
    );
    expect(questions.timeline('duckdb')).toContain(
      "json_extract_string(responseelements, '$.assumedRoleUser.arn')",
    );
    const strip = (s: string) => s.replace(/\s+/g, ' ');
    expect(
      strip(questions.rejected('athena')).replace(/to_iso8601\(from_unixtime\(([^)]*\))\)\)/g, 'T($1)'),
    ).toBe(
      strip(questions.rejected('duckdb')).replace(/strftime\(to_timestamp\(([^)]*\))\), '[^']*'\)/g, 'T($1)'),
    );
  });

  it('emits Athena DDL with partition projection for the four log types', () => {
    const ddl = athenaDdl({
      location: 's3://trail-bucket/prefix',
      account: '111122223333',
      regions: ['us-east-1', 'eu-west-1'],
    });
    expect(ddl.match(/CREATE EXTERNAL TABLE IF NOT EXISTS (\w+)/g)).toEqual([
      'CREATE EXTERNAL TABLE IF NOT EXISTS cloudtrail_logs',
      'CREATE EXTERNAL TABLE IF NOT EXISTS vpc_flow_logs',
      'CREATE EXTERNAL TABLE IF NOT EXISTS s3_access_logs',
      'CREATE EXTERNAL TABLE IF NOT EXISTS alb_logs',
    ]);
    expect(ddl).toContain("LOCATION 's3://trail-bucket/prefix/AWSLogs/111122223333/CloudTrail/'");
    expect(ddl).toContain(
      "'storage.location.template'='s3://trail-bucket/prefix/AWSLogs/111122223333/CloudTrail/${region}/${timestamp}'",
    );
    expect(ddl).toContain("'projection.region.values'='us-east-1,eu-west-1'");
    expect(ddl).toContain("'projection.timestamp.format'='yyyy/MM/dd'");
    expect(ddl).toContain("STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'");
    expect(ddl).toContain('`reject_reason` STRING');
    expect(ddl).toContain("'serialization.null.format'='-'");
  });
});
