import { z } from 'zod';
import { awsIamPrefix, iamAction, SimulatedCall } from '@platformops/plugin-platform-ops-backend';
import { commonErrors } from './errors';

/**
 * Fault injection for tests and DR drills, changeable at runtime (POST /simulator/faults).
 * Faults apply before a call reaches its service model, so a refused call changes nothing.
 */
export const faultSettingsSchema = z
  .object({
    /** Share of calls answered with the service's throttling error (0..1). */
    throttleRate: z.number().min(0).max(1).default(0),
    /** Latency added to every call, in (real) milliseconds. */
    latencyMs: z.number().int().min(0).max(30_000).default(0),
    /**
     * IAM actions refused with AccessDenied: "autoscaling:SetDesiredCapacity", or
     * "sqs:*" for a whole service.
     */
    accessDenied: z
      .array(z.string().regex(/^[a-z0-9-]+:(\*|[A-Za-z0-9]+)$/, 'must look like "autoscaling:SetDesiredCapacity" or "sqs:*"'))
      .default([]),
    /** Regions that are "down": every call to them fails like an outage (region failover drills). */
    regionsDown: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region like us-east-1')).default([]),
    /**
     * Overrides the share of new jobs that always fail (and so reach the DLQ after
     * maxReceiveCount receives); unset = each queue's own seeded rate.
     */
    jobFailureRate: z.number().min(0).max(1).optional(),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export class FaultInjector {
  private settings: FaultSettings = faultSettingsSchema.parse({});

  constructor(private readonly random: () => number) {}

  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** Replaces the settings (fields left out return to their defaults). */
  set(settings: Partial<FaultSettings>): FaultSettings {
    this.settings = faultSettingsSchema.parse(settings);
    return this.current;
  }

  clear(): void {
    this.settings = faultSettingsSchema.parse({});
  }

  /** Throws the error AWS would have answered with, or resolves after the injected latency. */
  async apply(call: SimulatedCall): Promise<void> {
    const { latencyMs, regionsDown, accessDenied, throttleRate } = this.settings;
    if (latencyMs > 0) await new Promise(resolve => setTimeout(resolve, latencyMs));
    if (regionsDown.includes(call.location.region)) {
      throw commonErrors.regionDown(call.location.region);
    }
    const prefix = awsIamPrefix(call.service);
    // The action IAM checks (s3:GetReplicationConfiguration for GetBucketReplication).
    const action = iamAction(call.service, call.operation);
    if (accessDenied.includes(action) || accessDenied.includes(`${prefix}:*`)) {
      throw commonErrors.accessDenied(call.service, action, call.location.accountId);
    }
    if (throttleRate > 0 && this.random() < throttleRate) {
      throw commonErrors.throttling(call.service);
    }
  }
}
