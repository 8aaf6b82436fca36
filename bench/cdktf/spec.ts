/** The full production environment both sides of the benchmark synthesize. */
export const BENCH_SPEC = {
  name: 'bench-prod',
  tier: 'prod',
  region: 'us-east-1',
  drRegion: 'us-west-2',
  accountId: '123456789012',
  alarmEmail: 'oncall@example.com',
  queues: [{ name: 'processing' }, { name: 'thumbnails' }],
};
