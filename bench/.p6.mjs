import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const T = async (label, q) => { const t = Date.now(); try { const r = (await c.runAndReadAll(q)).getRowObjectsJS(); console.log(label, Date.now() - t, 'ms', JSON.stringify(r, (k, v) => typeof v === "bigint" ? Number(v) : v).slice(0, 100)); } catch (e) { console.log(label, 'ERR', e.message.slice(0, 200)); } };
const cols = Array.from({length:14},(_, i)=>"c"+i+": 'VARCHAR'").join(', ');
await T('plain', "SELECT count(*) FROM read_csv('/tmp/lg/b1/AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/01/02/111122223333_vpcflowlogs_us-east-1_fl-0bench_20260102T0000Z_fc428e30.log.gz', columns={"+cols+"}, delim=' ', quote='', escape='', header=true, nullstr='-', auto_detect=false)");
await T('rejects', "SELECT count(*) FROM read_csv('/tmp/lg/b1/AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/01/02/111122223333_vpcflowlogs_us-east-1_fl-0bench_20260102T0000Z_fc428e30.log.gz', columns={"+cols+"}, delim=' ', quote='', escape='', header=true, nullstr='-', auto_detect=false, ignore_errors=true, store_rejects=true, filename=true)");
await T('typed', "SELECT count(*), sum(TRY_CAST(c9 AS BIGINT)) FROM read_csv('/tmp/lg/b1/AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/01/02/111122223333_vpcflowlogs_us-east-1_fl-0bench_20260102T0000Z_fc428e30.log.gz', columns={"+cols+"}, delim=' ', quote='', escape='', header=true, nullstr='-', auto_detect=false, filename=true)");
