/**
 * How another service model (e.g. the DR engineer's RDS model) feeds CloudWatch history:
 * a ServiceModel that also implements MetricFeed is sampled once per simulated minute, and
 * its samples are served by GetMetricData and evaluated by alarms like the fleet's own.
 */
export interface MetricSample {
  accountId: string;
  region: string;
  namespace: string;
  metricName: string;
  dimensions: Array<{ Name: string; Value: string }>;
  value: number;
}

export interface MetricFeed {
  /** The metric values at `at` (the end of a simulated minute). */
  metricSamples(at: Date): MetricSample[];
}

export function isMetricFeed(value: unknown): value is MetricFeed {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { metricSamples?: unknown }).metricSamples === 'function'
  );
}
