import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';
import { CostCacheStore } from './CostCacheStore';
import { CostService } from './CostService';
import { CostsConfig } from './config';

/** How far ahead a run renews: one period of the schedule (an hour for cron/manual ones). */
export function refreshMarginMs(
  frequency: CostsConfig['refresh']['frequency'],
): number {
  if ('cron' in frequency || 'trigger' in frequency) return 60 * 60_000;
  if ('toMillis' in frequency && typeof frequency.toMillis === 'function') {
    return frequency.toMillis();
  }
  const d = frequency as HumanDuration;
  return (
    ((d.weeks ?? 0) * 7 * 86_400 +
      (d.days ?? 0) * 86_400 +
      (d.hours ?? 0) * 3_600 +
      (d.minutes ?? 0) * 60 +
      (d.seconds ?? 0)) *
      1000 +
    (d.milliseconds ?? 0)
  );
}

/**
 * Renews the default cost queries before they expire, on every replica's shared schedule
 * (the scheduler runs a task on one replica at a time), and drops rows nobody renewed for a
 * day. Renewing what would expire before the next run keeps viewers on the database.
 */
export async function scheduleCostRefresh(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  costs: CostService;
  store: CostCacheStore;
  config: CostsConfig;
}) {
  const { scheduler, logger, costs, store, config } = options;
  const margin = refreshMarginMs(config.refresh.frequency);
  await scheduler.scheduleTask({
    id: 'platform-ops-costs-refresh',
    ...config.refresh,
    fn: async () => {
      const scopes = await costs.refreshDefaults(margin);
      const dropped = await store.deleteExpiredBefore(
        new Date(Date.now() - 86_400_000),
      );
      logger.info(
        `Cost cache refreshed for ${scopes} scopes; ${dropped} stale rows dropped`,
      );
    },
  });
}
