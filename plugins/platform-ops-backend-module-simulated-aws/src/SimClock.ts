import { Config } from '@backstage/config';
import { ManualClock, RealClock, SimClock } from './ServiceModel';

export { ManualClock, RealClock };
export type { SimClock };

/** A clock that can also be moved forward by hand (tests, drills: POST /simulator/clock/advance). */
export interface AdvanceableClock extends SimClock {
  advance(ms: number): Date;
}

/**
 * The clock the app runs on: real time, accelerated by `platformOps.aws.simulation.speed`
 * (1 = real time, 60 = a minute per second) so a demo shows an RDS failover in seconds.
 */
export function clockFromConfig(config: Config): AdvanceableClock {
  const speed = config.getOptionalNumber('platformOps.aws.simulation.speed') ?? 1;
  if (!(speed > 0) || speed > 3600) {
    throw new Error(
      `Invalid platformOps.aws.simulation.speed: ${speed} (must be > 0 and at most 3600)`,
    );
  }
  return new RealClock(speed);
}
