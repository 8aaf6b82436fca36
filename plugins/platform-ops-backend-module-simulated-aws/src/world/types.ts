import { AUTO_SCALING_PROCESSES, AutoScalingProcess, EnvironmentTier } from '@platformops/plugin-platform-ops-common';
import { PurchaseOption } from '../priceTable';

/** State of the simulated GPU fleets and queues. Times are epoch milliseconds. */

export type InstanceState = 'Pending' | 'InService' | 'Terminating';

export interface SimInstance {
  id: string;
  instanceType: string;
  availabilityZone: string;
  purchase: PurchaseOption;
  state: InstanceState;
  launchedAt: number;
  /** When boot (seed 004: 2-3 min) is over and it turns InService. */
  readyAt: number;
  /** When a Terminating instance is gone (seed 004: 30 s graceful shutdown). */
  goneAt?: number;
  /** The job it works on, and when that job ends. */
  job?: { message: SimMessage; startedAt: number; endsAt: number };
  /** Ordinal of its launch template version (AWS shows it per instance). */
  launchTemplateVersion: string;
  /** The billing row it accrues to today (cached: accrual runs every simulated step). */
  usage?: { dayIndex: number; row: { hours: number } };
}

/** Auto Scaling's suspendable processes: the one list of @platformops/plugin-platform-ops-common. */
export type ScalingProcess = AutoScalingProcess;
export const SCALING_PROCESSES: readonly ScalingProcess[] = AUTO_SCALING_PROCESSES;

export interface InstancesDistribution {
  OnDemandAllocationStrategy: string;
  OnDemandBaseCapacity: number;
  OnDemandPercentageAboveBaseCapacity: number;
  SpotAllocationStrategy: string;
}

export interface SimActivity {
  ActivityId: string;
  Description: string;
  Cause: string;
  StartTime: number;
  EndTime?: number;
  StatusCode: 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';
  Progress: number;
  /** Instance the activity waits for (launches end when it is InService, terminations when it is gone). */
  instanceId?: string;
}

/** A scaling policy as stored (the PutScalingPolicy input, validated). */
export interface SimPolicy {
  PolicyName: string;
  PolicyARN: string;
  PolicyType: string;
  Enabled: boolean;
  EstimatedInstanceWarmup?: number;
  /** The TargetTrackingConfiguration as AWS would echo it back. */
  TargetTrackingConfiguration?: Record<string, unknown>;
  /** Target tracking state: since when the metric asks for fewer instances. */
  lowSince?: number;
  lastScaleOutAt?: number;
}

export interface SimScheduledAction {
  ScheduledActionName: string;
  ScheduledActionARN: string;
  StartTime?: number;
  EndTime?: number;
  Recurrence?: string;
  MinSize?: number;
  MaxSize?: number;
  DesiredCapacity?: number;
  TimeZone?: string;
  /** Last minute it fired (so a minute is not applied twice). */
  lastFiredAt?: number;
}

export interface SimGroup {
  name: string;
  arn: string;
  accountId: string;
  region: string;
  environment: string;
  costTag: string;
  createdAt: number;
  minSize: number;
  maxSize: number;
  desired: number;
  defaultCooldown: number;
  availabilityZones: string[];
  launchTemplate: { LaunchTemplateId: string; LaunchTemplateName: string; Version: string };
  instanceTypes: string[];
  distribution: InstancesDistribution;
  instances: SimInstance[];
  suspended: Map<ScalingProcess, string>;
  /** Group metrics sent to CloudWatch (EnableMetricsCollection), with their granularity. */
  enabledMetrics?: Map<string, string>;
  policies: Map<string, SimPolicy>;
  scheduled: Map<string, SimScheduledAction>;
  /** Newest last. */
  activities: SimActivity[];
  /** Name of the queue its workers drain (same account/region). */
  queueName?: string;
  /** Why desired capacity last changed, for the Cause of the next scaling activities. */
  lastChange?: string;
}

export type JobType = 'image' | 'video' | 'audio';

export interface SimMessage {
  id: string;
  jobType: JobType;
  sentAt: number;
  /** When it can be received: sentAt, or the end of its visibility timeout after a failed attempt. */
  availableAt: number;
  receiveCount: number;
  /** A job that fails on every attempt (bad input, model bug): it ends in the DLQ. */
  poison: boolean;
  /** While received and not deleted: when it becomes visible again. */
  invisibleUntil?: number;
}

export type ArrivalPattern = 'steady' | 'diurnal' | 'bursts';

export interface SimMoveTask {
  TaskHandle: string;
  SourceArn: string;
  /** Unset = each message goes back to the queue it came from. */
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond: number;
  Status: 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
  StartedTimestamp: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  /** Fractional messages carried between steps at the move rate. */
  carry: number;
}

export interface SimQueue {
  name: string;
  arn: string;
  url: string;
  accountId: string;
  region: string;
  environment: string;
  createdAt: number;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  /** RedrivePolicy of a source queue. */
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  /** Set on a queue some other queue uses as its DLQ. */
  isDeadLetterQueue: boolean;
  arrival?: { pattern: ArrivalPattern; perHour: number };
  /** Share of new jobs that always fail (seeded; faults may override). */
  poisonRate: number;
  /** Share of attempts that fail once and succeed on retry. */
  transientFailureRate: number;
  /** Visible messages, oldest first. */
  visible: SimMessage[];
  /** Received, not deleted, waiting for their visibility timeout (failed attempts). */
  invisible: SimMessage[];
  /** Where each message came from, for move tasks without a destination. */
  origin: Map<string, string>;
  moveTasks: SimMoveTask[];
  /** Counters of the current minute, flushed to CloudWatch. */
  minute: { sent: number; received: number; deleted: number };
}

export interface EnvironmentSeed {
  name: string;
  tier: EnvironmentTier;
  accountId: string;
  region: string;
  costTag: string;
}
