import { createTestGateway } from '@platformops/plugin-platform-ops-backend/testUtils';
import { HttpCheckStep } from '@platformops/plugin-platform-ops-backend';
import { SimulatedHttpProbe } from './SimulatedHttpProbe';
import { PROD, testAccount } from './testUtils/testAccount';

function probe() {
  const { account, call } = testAccount({ backfillHours: 0 });
  const { gateway } = createTestGateway({ platformOps: { aws: { mode: 'simulated' } } }, account);
  return { probe: new SimulatedHttpProbe(gateway), call };
}

const step = (service: string): HttpCheckStep =>
  ({
    id: 'health',
    kind: 'http-check',
    title: 'prod-api answers /health',
    url: 'https://api.example.com/health',
    simulatedFrom: { location: PROD, cluster: 'prod-cluster', service },
  }) as unknown as HttpCheckStep;

describe('SimulatedHttpProbe (runbook health checks on the simulated account)', () => {
  it('reads an app as healthy when its ECS service runs all its desired tasks', async () => {
    const result = await probe().probe.check('https://api.example.com/health', step('prod-api'));
    expect(result.ok).toBe(true);
    expect(result.detail).toMatch(/simulated from ECS prod-cluster\/prod-api in us-east-1: (\d+)\/\1 tasks running/);
  });

  it('reads it as unhealthy once the service wants no tasks (its tasks still draining)', async () => {
    const { probe: p, call } = probe();
    await call('ecs', 'UpdateService', { cluster: 'prod-cluster', service: 'prod-api', desiredCount: 0 });
    const result = await p.check('https://api.example.com/health', step('prod-api'));
    expect(result.ok).toBe(false);
    expect(result.detail).toMatch(/: \d+\/0 tasks running/);
  });
});
