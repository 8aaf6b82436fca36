/*
 * One simulated world per database (issue #11): what sharing the world costs a call.
 * Before answering, every call checks the world log's head (one indexed query); a mutating
 * call also takes the world row's lock, catches up and appends. Measured on the simulated
 * account alone (no HTTP, no SDK): reads and writes with the world in memory (the baseline,
 * one process), in SQLite, and in PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * is set; then the catch-up of a second replica that missed every write.
 */
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import { KnexWorldLog, MemoryWorldLog } from '../plugins/platform-ops-backend-module-simulated-aws/src';
import { ManualClock, testAccount } from '../plugins/platform-ops-backend-module-simulated-aws/src/testUtils';
import { sized } from './quick';

const READS = sized(2_000, 200);
const WRITES = sized(200, 20);
const STAGING = { accountId: '310987654321', region: 'us-east-1' };

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, makeLog: () => KnexWorldLog | MemoryWorldLog) {
  const clock = new ManualClock('2026-11-20T12:00:00Z');
  const a = testAccount({ clock, log: makeLog() });
  await a.account.state();
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    await a.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['staging-gpu-workers'] }, STAGING);
    reads.push(performance.now() - t);
  }
  const writes: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    clock.advance(1_000);
    const t = performance.now();
    await a.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 2 + (i % 3) }, STAGING);
    writes.push(performance.now() - t);
  }
  return { name, reads, writes, a, clock };
}

async function main() {
  const rows: Array<{ name: string; reads: number[]; writes: number[] }> = [];
  const memory = await measure('in memory (one process)', () => new MemoryWorldLog());
  rows.push(memory);
  const dbs: Array<[string, Knex]> = [
    ['SQLite', knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true, pool: { min: 1, max: 1 } })],
  ];
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (pg) {
    const name = `bench_world_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: pg });
    await admin.raw(`create database ${name}`);
    await admin.destroy();
    dbs.push(['PostgreSQL', knexFactory({ client: 'pg', connection: `${pg}/${name}` })]);
  }
  for (const [label, knex] of dbs) {
    const shared = await measure(`${label} (shared world)`, () => new KnexWorldLog(async () => knex));
    rows.push(shared);
    // A second replica that saw none of the writes: its first call replays them all.
    const b = testAccount({ clock: shared.clock, log: new KnexWorldLog(async () => knex) });
    let t = performance.now();
    await b.account.state();
    const build = performance.now() - t;
    await shared.a.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING);
    t = performance.now();
    await b.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['staging-gpu-workers'] }, STAGING);
    const catchUp = performance.now() - t;
    console.log(`${label}: a new replica builds the world and replays ${WRITES} writes in ${build.toFixed(0)} ms; catching up 1 event on a read: ${catchUp.toFixed(1)} ms`);
    await knex.destroy();
  }
  console.log(`\nSimulated account, ${READS} reads (DescribeAutoScalingGroups) and ${WRITES} writes (SetDesiredCapacity):`);
  const base = percentile(memory.reads, 50);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(28)} read p50 ${percentile(r.reads, 50).toFixed(2).padStart(6)} ms  p95 ${percentile(r.reads, 95).toFixed(2).padStart(6)} ms` +
        `   write p50 ${percentile(r.writes, 50).toFixed(2).padStart(6)} ms  p95 ${percentile(r.writes, 95).toFixed(2).padStart(6)} ms` +
        `   read ratio vs memory ${(percentile(r.reads, 50) / base).toFixed(2)}x`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
