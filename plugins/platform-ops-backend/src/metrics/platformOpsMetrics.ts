import { Attributes, metrics, ObservableResult } from '@opentelemetry/api';
import { Knex } from 'knex';
import { AwsGateway } from '../aws/types';

/**
 * Platform Ops metrics through the OpenTelemetry API (Backstage's metrics path): without a
 * meter provider they cost nothing; packages/backend installs one that Prometheus scrapes.
 * All are observed at scrape time, from what the product already keeps, so no code path has
 * to remember to count:
 *  - platform_ops_runbook_executions{status}: executions in the shared database by state
 *    (every replica reports the same numbers: aggregate with max, not sum);
 *  - platform_ops_runbook_steps_resumed: steps a replica resumed after the one running them
 *    died or lost its lease (attempts > 1): the lease takeovers that mattered;
 *  - platform_ops_aws_calls_total{operation}: AWS calls this process made, per
 *    Service.Operation (the call ledger; attempts the SDK retried count once).
 */
export function registerPlatformOpsMetrics(options: {
  knex: Knex;
  gateway: AwsGateway;
}): void {
  const { knex, gateway } = options;
  const meter = metrics.getMeter('platform-ops');

  const executions = meter.createObservableGauge(
    'platform_ops_runbook_executions',
    {
      description: 'Runbook executions in the database, by status',
    },
  );
  const resumed = meter.createObservableGauge(
    'platform_ops_runbook_steps_resumed',
    {
      description: 'Runbook steps resumed by another replica (attempts > 1)',
    },
  );
  meter.addBatchObservableCallback(
    async observer => {
      const [byStatus, resumedRow] = await Promise.all([
        knex('platform_ops_runbook_executions')
          .select('status')
          .count({ count: '*' })
          .groupBy('status'),
        knex('platform_ops_runbook_steps')
          .where('attempts', '>', 1)
          .count({ count: '*' })
          .first(),
      ]);
      for (const row of byStatus as Array<{
        status: string;
        count: string | number;
      }>) {
        observer.observe(executions, Number(row.count), { status: row.status });
      }
      observer.observe(
        resumed,
        Number(
          (resumedRow as { count?: string | number } | undefined)?.count ?? 0,
        ),
      );
    },
    [executions, resumed],
  );

  meter
    .createObservableCounter('platform_ops_aws_calls', {
      description:
        'AWS calls made by this backend instance, by Service.Operation',
    })
    .addCallback((result: ObservableResult<Attributes>) => {
      for (const [operation, count] of Object.entries(
        gateway.ledger().byOperation,
      )) {
        result.observe(count, { operation, mode: gateway.mode });
      }
    });
}
