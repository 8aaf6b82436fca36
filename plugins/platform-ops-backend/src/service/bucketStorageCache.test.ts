import express from 'express';
import request from 'supertest';
import { AwsCommand, AwsGateway } from '../aws/types';
import { exampleInventory } from '../runbooks/__testUtils__/harness';
import { createResourceStateRoutes } from './resourceStateRoutes';

/*
 * The bucket card polls GET /resources/state every few seconds. Its S3 configuration is read
 * again once the short answer cache expires; the daily storage metrics (S3 publishes them
 * once a day) are read once an hour per bucket.
 */
function countingGateway() {
  const sent: string[] = [];
  const gateway = {
    mode: 'aws',
    async send(_location: unknown, _service: unknown, command: AwsCommand) {
      const operation = command.constructor.name.replace(/Command$/, '');
      sent.push(operation);
      if (operation === 'GetMetricData') {
        return { MetricDataResults: [{ Id: 'objects', Timestamps: [new Date('2026-11-28T00:00:00Z')], Values: [416_667] }] };
      }
      if (operation === 'GetBucketVersioning') return { Status: 'Enabled' };
      if (operation === 'GetBucketReplication') return { ReplicationConfiguration: { Role: 'r', Rules: [] } };
      if (operation === 'GetBucketLifecycleConfiguration') return { Rules: [] };
      throw new Error(`unexpected ${operation}`);
    },
  } as unknown as AwsGateway;
  return { gateway, sent };
}

describe('GET /resources/state for a bucket, polled', () => {
  it('re-reads S3 on every poll past the answer cache, the daily metrics once an hour', async () => {
    const { gateway, sent } = countingGateway();
    let now = Date.parse('2026-11-29T16:00:00Z');
    const app = express().use(
      createResourceStateRoutes({ inventory: exampleInventory(), gateway, now: () => new Date(now), ttlMs: 0 }),
    );
    const poll = async () => {
      const res = await request(app).get('/resources/state?entityRef=resource:default/prod-media-bucket');
      expect(res.status).toBe(200);
      return res.body.facts.find((f: { label: string }) => f.label === 'objects');
    };
    const count = (operation: string) => sent.filter(o => o === operation).length;

    expect(await poll()).toEqual({ label: 'objects', value: '416,667', asOf: '2026-11-28T00:00:00.000Z' });
    for (let i = 0; i < 11; i++) {
      now += 5 * 60_000;
      expect(await poll()).toEqual({ label: 'objects', value: '416,667', asOf: '2026-11-28T00:00:00.000Z' });
    }
    // 12 polls over 55 minutes: S3 each time, CloudWatch once.
    expect(count('GetBucketVersioning')).toBe(12);
    expect(count('GetMetricData')).toBe(1);

    now += 6 * 60_000; // an hour and a minute after the first read
    await poll();
    expect(count('GetMetricData')).toBe(2);
  });
});
