import { openLogStore } from '../dist/store/logs/index.js';
import { logIngestSql } from '../dist/logs/ingest-sql.js';
import { rmSync } from 'node:fs';
for (const db of [':memory:', '/tmp/lg/p7.duckdb']) {
  rmSync(db, { force: true }); rmSync(db + '.wal', { force: true });
  const s = await openLogStore(db);
  let t = Date.now();
  const r = await s.ingestPaths(['/tmp/lg/b1/AWSLogs/111122223333/vpcflowlogs'], logIngestSql());
  console.log(db, 'flow', Date.now() - t, r.records.flow);
  t = Date.now();
  s.close();
  console.log('close', Date.now() - t);
}
