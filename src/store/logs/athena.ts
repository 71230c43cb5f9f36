/**
 * Running the log questions on Athena when the logs outgrow one machine: StartQueryExecution,
 * polling GetQueryExecution, then GetQueryResults pages.
 * https://docs.aws.amazon.com/athena/latest/APIReference/API_StartQueryExecution.html
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClientConfig,
} from '@aws-sdk/client-athena';
import { InputError } from '../../model/index.js';
import type { QueryResult } from './index.js';

export interface AthenaOptions {
  workgroup?: string;
  /** `s3://…` where Athena writes results (required unless the workgroup sets one). */
  output?: string;
  database?: string;
  catalog?: string;
  region?: string;
  endpoint?: string;
  credentials?: AthenaClientConfig['credentials'];
  /** Milliseconds between status polls (default 500). */
  pollMs?: number;
}

/** Runs one query on Athena and returns its rows (all values as text, as Athena returns them). */
export async function runAthenaQuery(sql: string, options: AthenaOptions): Promise<QueryResult> {
  const client = new AthenaClient({
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(options.endpoint && { endpoint: options.endpoint }),
    ...(options.credentials && { credentials: options.credentials }),
  });
  try {
    const started = await client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        ...(options.workgroup && { WorkGroup: options.workgroup }),
        ...(options.output && { ResultConfiguration: { OutputLocation: options.output } }),
        ...((options.database || options.catalog) && {
          QueryExecutionContext: {
            ...(options.database && { Database: options.database }),
            ...(options.catalog && { Catalog: options.catalog }),
          },
        }),
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new InputError('Athena returned no query execution id');
    for (;;) {
      const status = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = status.QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') break;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = status.QueryExecution?.Status?.StateChangeReason ?? 'no reason given';
        throw new InputError(`Athena query ${id} ${state.toLowerCase()}: ${reason}`);
      }
      await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
    }
    let columns: string[] = [];
    const rows: Array<Record<string, unknown>> = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token }));
      if (first) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
      const data = page.ResultSet?.Rows ?? [];
      // The first row of the first page repeats the column names for SELECT queries.
      for (const [i, row] of data.entries()) {
        if (first && i === 0) continue;
        const values = row.Data ?? [];
        rows.push(Object.fromEntries(columns.map((c, j) => [c, values[j]?.VarCharValue ?? null])));
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return { columns, rows };
  } finally {
    client.destroy();
  }
}
