import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { AwsGateway, HttpCheckStep, HttpProbe, HttpProbeResult } from '@platformops/plugin-platform-ops-backend';

/**
 * How runbooks check an app's health endpoint on the simulated account, which has no HTTP
 * endpoints: an app is "healthy" when its ECS service (the step's `simulatedFrom`) runs all
 * its desired tasks on the expected task definition, which is what /health reflects.
 */
export class SimulatedHttpProbe implements HttpProbe {
  constructor(private readonly gateway: AwsGateway) {}

  async check(url: string, step: HttpCheckStep): Promise<HttpProbeResult> {
    const source = step.simulatedFrom;
    if (!source) return { ok: true, detail: `${url}: simulated healthy (no ECS service to derive from)` };
    const out = await this.gateway.send(
      source.location,
      'ecs',
      new DescribeServicesCommand({ cluster: source.cluster, services: [source.service] }),
    );
    const svc = out.services?.[0];
    const running = svc?.runningCount ?? 0;
    const desired = svc?.desiredCount ?? 0;
    const ok = desired > 0 && running >= desired;
    return {
      ok,
      detail: `${url} (simulated from ECS ${source.cluster}/${source.service} in ${source.location.region}: ${running}/${desired} tasks running)`,
    };
  }
}
