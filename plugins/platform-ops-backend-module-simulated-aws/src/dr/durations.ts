/**
 * How long the DR operations take in the simulated account, as distributions drawn from the
 * simulator's seeded random (same seed, same drill). Triangular: a hard minimum and maximum
 * (tests assert "not before min, done by max") around the most likely value. The figures come
 * from AWS's documentation where it gives one, and say so where it only describes the states:
 *
 * - RDS read replica promotion: "RDS reboots the DB instance before making it available. The
 *   promotion process can take several minutes or longer to complete, depending on the size
 *   of the read replica." (RDS User Guide, USER_ReadRepl.Promote). 3-15 min, most likely 6.
 * - RDS cross-region read replica creation: a snapshot of the source copied to the other
 *   region, then restored and caught up; AWS documents no figure ("depends on the size"):
 *   10-60 min, most likely 20, for the platform's 100 GB gp3 databases.
 * - Route 53 change propagation (PENDING -> INSYNC): "Changes generally propagate to all
 *   Route 53 name servers within 60 seconds" (Route 53 Developer Guide, editing records;
 *   GetChange API). 15-75 s ("generally": a tail past 60 s), most likely 40.
 * - Route 53 health-check failover: checkers probe every RequestInterval (10 or 30 s, default
 *   30) and change an endpoint's status after FailureThreshold consecutive failures (1-10,
 *   default 3) (Route 53 Developer Guide, dns-failover-determining-health-of-endpoints;
 *   HealthCheckConfig). Resolvers then keep the old answer for the record's TTL. See
 *   `healthCheckConfigFor` and the drill benchmark.
 * - ECS tasks from pilot light (desired count raised on an existing service): the task goes
 *   PROVISIONING -> PENDING (image pull) -> RUNNING and must pass the ALB health check
 *   (ECS Developer Guide, task workflow); AWS gives no figure: 45 s-4 min, most likely 90 s.
 * - EC2 Auto Scaling instances: boot 2-3 min (seed 004), modelled by the fleet world
 *   (world/groups.ts); the console's default health check grace period is 300 s (EC2 Auto
 *   Scaling User Guide, health-check-grace-period).
 * - CloudFront: a distribution is "Deployed" when "the distribution's information is fully
 *   propagated to all CloudFront edge locations" (Distribution.Status); the SDK waiter polls
 *   every 60 s up to 35 times, and users report minutes to a quarter of an hour:
 *   2-15 min, most likely 5.
 */
export interface DurationDistribution {
  minSeconds: number;
  modeSeconds: number;
  maxSeconds: number;
}

export const DR_DURATIONS = {
  rdsPromotion: { minSeconds: 180, modeSeconds: 360, maxSeconds: 900 },
  rdsCrossRegionReplicaCreation: { minSeconds: 600, modeSeconds: 1200, maxSeconds: 3600 },
  route53Propagation: { minSeconds: 15, modeSeconds: 40, maxSeconds: 75 },
  ecsTasksFromPilotLight: { minSeconds: 45, modeSeconds: 90, maxSeconds: 240 },
  cloudFrontDeployment: { minSeconds: 120, modeSeconds: 300, maxSeconds: 900 },
} as const satisfies Record<string, DurationDistribution>;

/** A duration in ms drawn from the triangular distribution `d` (inverse CDF of one draw). */
export function drawMs(random: () => number, d: DurationDistribution): number {
  const { minSeconds: a, modeSeconds: c, maxSeconds: b } = d;
  const u = random();
  const split = (c - a) / (b - a);
  const seconds =
    u < split
      ? a + Math.sqrt(u * (b - a) * (c - a))
      : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  return Math.round(seconds * 1000);
}

/** Health-check settings AWS allows: RequestInterval 10 or 30 s, FailureThreshold 1-10. */
export interface HealthCheckSettings {
  requestInterval: 10 | 30;
  failureThreshold: number;
}

/**
 * The settings of health check `id`, fixed per check and derived from its id (a hash, so the
 * seeded random stream of the rest of the account is not shifted): mostly AWS's defaults
 * (30 s, 3), some "fast" checks (10 s), thresholds 2-5.
 */
export function healthCheckConfigFor(id: string): HealthCheckSettings {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  const requestInterval = h % 4 === 0 ? 10 : 30;
  const failureThreshold = [3, 3, 2, 3, 4, 5, 3, 2][(h >>> 3) % 8];
  return { requestInterval, failureThreshold };
}
