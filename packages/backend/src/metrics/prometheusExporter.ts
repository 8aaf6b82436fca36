import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/**
 * Serves the backend's OpenTelemetry metrics (Backstage's own and Platform Ops', see
 * plugins/platform-ops-backend/src/metrics) for Prometheus at :PORT/metrics, when
 * PLATFORM_OPS_METRICS_PORT is set (the Kubernetes manifests set 9464). Opt-in because a
 * fixed port would collide between backends started side by side (tests, dev).
 * It must run before plugins create their meters: the OpenTelemetry API hands out no-op
 * meters until a provider is installed.
 */
export function startPrometheusExporter(
  env: NodeJS.ProcessEnv = process.env,
): PrometheusExporter | undefined {
  const raw = env.PLATFORM_OPS_METRICS_PORT;
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `PLATFORM_OPS_METRICS_PORT must be a port number (1-65535), got "${raw}"`,
    );
  }
  const exporter = new PrometheusExporter({
    port,
    host: env.PLATFORM_OPS_METRICS_HOST ?? '0.0.0.0',
  });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
  return exporter;
}
