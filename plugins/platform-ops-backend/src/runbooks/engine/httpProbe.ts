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
