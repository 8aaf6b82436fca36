import { metrics } from '@opentelemetry/api';
import { createServer } from 'node:net';
import { startPrometheusExporter } from './prometheusExporter';

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('startPrometheusExporter', () => {
  afterEach(() => metrics.disable());

  it('does nothing unless PLATFORM_OPS_METRICS_PORT is set (no fixed port in dev and tests)', () => {
    expect(startPrometheusExporter({})).toBeUndefined();
  });

  it('refuses a value that is not a port, naming the variable', () => {
    expect(() =>
      startPrometheusExporter({ PLATFORM_OPS_METRICS_PORT: '94a' }),
    ).toThrow(
      'PLATFORM_OPS_METRICS_PORT must be a port number (1-65535), got "94a"',
    );
  });

  it('serves what plugins record through the OpenTelemetry API at /metrics', async () => {
    const port = await freePort();
    const exporter = startPrometheusExporter({
      PLATFORM_OPS_METRICS_PORT: String(port),
      PLATFORM_OPS_METRICS_HOST: '127.0.0.1',
    })!;
    try {
      // What a plugin does: ask the global API for a meter after start-up.
      metrics
        .getMeter('test')
        .createCounter('platform_ops_test_calls')
        .add(3, { operation: 'sqs.ListQueues' });
      let text = '';
      for (
        let i = 0;
        i < 20 && !text.includes('platform_ops_test_calls');
        i++
      ) {
        text = await fetch(`http://127.0.0.1:${port}/metrics`)
          .then(r => r.text())
          .catch(() => '');
        if (!text.includes('platform_ops_test_calls'))
          await new Promise(r => setTimeout(r, 100));
      }
      expect(text).toMatch(
        /^platform_ops_test_calls_total\{operation="sqs.ListQueues"[^}]*\} 3/m,
      );
    } finally {
      await exporter.shutdown();
    }
  });
});
