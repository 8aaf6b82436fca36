import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { AwsGateway } from '../../aws/types';
import { HttpCheckStep } from '../types';

export interface HttpProbeResult {
  ok: boolean;
  detail: string;
}

/** Answers seed 003's health endpoints (/health, /health/detailed). */
export interface HttpProbe {
  check(url: string, step: HttpCheckStep): Promise<HttpProbeResult>;
}

/**
 * Real endpoints: 2xx with status "healthy" (and every detailed check "connected" or
 * "accessible"/"configured") is healthy, anything else is not.
 */
export class FetchHttpProbe implements HttpProbe {
  constructor(private readonly timeoutMs = 5000) {}

  async check(url: string): Promise<HttpProbeResult> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) return { ok: false, detail: `${url} answered HTTP ${response.status}` };
      const body = (await response.json().catch(() => ({}))) as {
        status?: string;
        checks?: Record<string, string>;
      };
      if (body.status && body.status !== 'healthy') {
        return { ok: false, detail: `${url} says status ${body.status}` };
      }
      const bad = Object.entries(body.checks ?? {}).filter(
        ([, v]) => !['connected', 'accessible', 'configured', 'ok', 'healthy'].includes(v),
      );
      if (bad.length) {
        return { ok: false, detail: `${url}: ${bad.map(([k, v]) => `${k}=${v}`).join(', ')}` };
      }
      return { ok: true, detail: `${url} healthy (HTTP ${response.status})` };
    } catch (error) {
      return { ok: false, detail: `${url} unreachable: ${(error as Error).message}` };
    }
  }
}

/**
 * The simulated account has no HTTP endpoints: an app is "healthy" when its ECS service runs
 * all its desired tasks on the expected task definition, which is what /health reflects.
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
