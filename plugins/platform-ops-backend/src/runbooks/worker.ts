import { LoggerService, RootLifecycleService, LifecycleService } from '@backstage/backend-plugin-api';
import { RunbookEngine } from './engine/RunbookEngine';

/**
 * Runs the engine on an interval for the life of the backend. Ticks never overlap; on
 * shutdown the loop stops taking work and the lease of anything unfinished simply expires,
 * so another replica resumes it.
 */
export function startRunbookWorker(options: {
  engine: RunbookEngine;
  intervalMs: number;
  lifecycle: LifecycleService | RootLifecycleService;
  logger: LoggerService;
}): void {
  const { engine, intervalMs, lifecycle, logger } = options;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    engine
      .tick()
      .catch(error => logger.error(`Runbook worker tick failed: ${error}`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref?.();
  lifecycle.addShutdownHook(() => {
    clearInterval(timer);
    engine.stop();
  });
  logger.info(`Runbook worker ${engine.ownerId} started (every ${intervalMs} ms)`);
}
