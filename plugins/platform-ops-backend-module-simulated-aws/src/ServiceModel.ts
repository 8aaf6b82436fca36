import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsServiceName } from '@platformops/plugin-platform-ops-backend';

/**
 * One AWS service in the simulated account. The account dispatches each call to the model
 * of its service; a model keeps its own state and advances it lazily to `now` (no timers),
 * so tests drive time with the clock alone.
 */
export interface ServiceModel {
  readonly service: AwsServiceName;
  /** Operations it answers, e.g. ['DescribeDBInstances', 'RebootDBInstance']. */
  readonly operations: readonly string[];
  handle(
    operation: string,
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** A clock the simulated account runs on: real time (optionally accelerated) or test-driven. */
export interface SimClock {
  now(): Date;
}

/** A clock tests move by hand. */
export class ManualClock implements SimClock {
  private current: number;
  constructor(start: Date | string = '2026-11-20T12:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

/** Real time, optionally accelerated from the moment it was created (speed 60 = 1 min/s). */
export class RealClock implements SimClock {
  private startedAt = Date.now();
  private simulatedStart = this.startedAt;
  private offsetMs = 0;
  constructor(private readonly speed = 1) {}
  now(): Date {
    const elapsed = Date.now() - this.startedAt;
    return new Date(this.simulatedStart + elapsed * this.speed + this.offsetMs);
  }
  /**
   * Counts from a shared origin instead of this process's start: replicas sharing a world
   * (one database) anchor to the world's genesis, so an accelerated clock reads the same on all.
   */
  anchor(wallMs: number, simulatedMs: number): void {
    this.startedAt = wallMs;
    this.simulatedStart = simulatedMs;
  }
  /** Jumps ahead (drills and demos: "skip the 2 minutes of RDS failover"). */
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }
}

/** AWS-shaped error: what the SDK would have parsed from an AWS error response. */
export class SimulatedAwsError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number };
  readonly $retryable?: { throttling: boolean };
  constructor(
    code: string,
    message: string,
    httpStatusCode = 400,
    options: { throttling?: boolean } = {},
  ) {
    super(message);
    this.name = code;
    this.$fault = httpStatusCode >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode };
    if (options.throttling) this.$retryable = { throttling: true };
  }
}
