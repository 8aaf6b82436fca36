import { AwsLocation } from './inventory';

/**
 * The fleet and queue views: what the backend answers and the frontend draws. Kept in common
 * because both sides must agree on it; the AWS shapes are flattened here so the browser
 * never sees raw SDK objects.
 */

/** @public */
export type InstanceLifecycle = 'spot' | 'on-demand';

/** Instances of one type and lifecycle in a fleet. @public */
export interface FleetInstanceGroup {
  instanceType: string;
  lifecycle: InstanceLifecycle;
  count: number;
  /** Price of one instance per hour, USD. */
  unitHourlyUsd: number;
}

/** MixedInstancesPolicy.InstancesDistribution, when the group has one. @public */
export interface FleetDistribution {
  onDemandBaseCapacity: number;
  onDemandPercentageAboveBaseCapacity: number;
  spotAllocationStrategy?: string;
  /** Launch template overrides, in priority order. */
  instanceTypes: string[];
}

/** @public */
export interface FleetScalingPolicy {
  name: string;
  type: string;
  targetValue?: number;
  /** True when it tracks the backlog-per-instance metric math this product writes. */
  backlogPerInstance: boolean;
  enabled: boolean;
}

/** @public */
export interface FleetScheduledAction {
  name: string;
  recurrence?: string;
  startTime?: string;
  timeZone?: string;
  minSize?: number;
  maxSize?: number;
  desiredCapacity?: number;
}

/** @public */
export interface FleetScalingActivity {
  id: string;
  description: string;
  cause: string;
  status: string;
  startTime?: string;
  endTime?: string;
}

/** The rule turning a backlog into a worker count (seeds 000 and 004). @public */
export interface FleetScalingRule {
  /** Visible messages -> workers, ascending by messages; e.g. 10->1, 25->2, 50->4. */
  steps: Array<{ messages: number; workers: number }>;
  /** Scale up by at least one when visible messages exceed this (seed 000: 100). */
  scaleUpAbove: number;
  /** Scale down only when visible messages are below this (seed 000: 20). */
  scaleDownBelow: number;
  /** Scale in to the minimum only after the queue has been empty this long (seed 004: 10). */
  scaleInAfterEmptyMinutes: number;
}

/** @public */
export interface FleetRecommendation {
  desiredCapacity: number;
  hourlyUsd: number;
  /** Why, in one sentence the operator can check against the rule. */
  reason: string;
  direction: 'up' | 'down' | 'hold';
  rule: FleetScalingRule;
}

/** Per-environment limits enforced on the server. @public */
export interface FleetGuardrail {
  maxGpuInstances: number;
  maxHourlyUsd: number;
  /** Config key to change to raise them. */
  configKey: string;
}

/** @public */
export interface FleetBacklog {
  queueRef: string;
  visible: number;
  /** visible / in-service; null when no instance is in service. */
  perInstance: number | null;
  /** Minutes the queue has shown zero visible messages (within the metric window). */
  emptyForMinutes: number;
  /** Backlog per instance over time, from the queue depth series and in-service count. */
  series: Array<{ timestamp: string; visible: number; perInstance: number | null }>;
}

/** One GPU fleet as shown on the Fleet view and the entity card. @public */
export interface FleetStatus {
  entityRef: string;
  name: string;
  title?: string;
  environment: string;
  asgName: string;
  location: AwsLocation;
  consoleUrl: string;
  /** False when the catalog declares the group but AWS does not know it. */
  found: boolean;
  desiredCapacity: number;
  minSize: number;
  maxSize: number;
  inService: number;
  pending: number;
  terminating: number;
  /**
   * When the group is not converged (in service != desired, or instances launching or
   * leaving): since when, from its scaling activities (the oldest in progress, else the
   * latest). ISO instant; absent when converged or no activity says.
   */
  convergingSince?: string;
  instances: FleetInstanceGroup[];
  /** 'ec2' when spot/on-demand came from EC2 DescribeInstances, 'estimated' from the distribution. */
  lifecycleSource: 'ec2' | 'estimated';
  distribution?: FleetDistribution;
  suspendedProcesses: string[];
  enabledMetrics: string[];
  policies: FleetScalingPolicy[];
  scheduledActions: FleetScheduledAction[];
  activities: FleetScalingActivity[];
  /**
   * 'list' when policies and scheduled actions were not read, nor the activities of a converged
   * group (the Fleet list does not show them; they are empty here, not absent in AWS); 'detail'
   * on the fleet's own read.
   */
  read?: 'list' | 'detail';
  hourlyUsd: number;
  backlog?: FleetBacklog;
  recommendation?: FleetRecommendation;
  guardrail: FleetGuardrail;
  /** When AWS was last asked (answers are cached briefly and shared). */
  fetchedAt: string;
}

/** @public */
export interface MetricPoint {
  timestamp: string;
  value: number;
}

/** @public */
export interface QueueAlarm {
  name: string;
  state: string;
  metricName?: string;
  threshold?: number;
  reason?: string;
  /** When the alarm entered its state (CloudWatch StateUpdatedTimestamp), ISO 8601. */
  stateUpdatedAt?: string;
  /** The queue the alarm watches (the main queue or its DLQ). */
  queueName?: string;
  /**
   * Seconds of data each evaluation looks at (Period x EvaluationPeriods): the state can lag
   * a per-minute chart by up to this long.
   */
  evaluationSeconds?: number;
}

/** One SQS queue (with its DLQ) as shown on the Queues view and the entity card. @public */
export interface QueueStatus {
  entityRef: string;
  name: string;
  title?: string;
  environment: string;
  queueName: string;
  queueUrl: string;
  location: AwsLocation;
  consoleUrl: string;
  found: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
  dlqName?: string;
  dlqVisible?: number;
  /**
   * Where visible / in flight / delayed / DLQ depth came from: 'cloudwatch' (the list: the
   * AWS/SQS metrics' latest one-minute Maximum, published once a minute) or 'sqs' (the queue's
   * own read, GetQueueAttributes, live).
   */
  depthSource?: 'cloudwatch' | 'sqs';
  /**
   * Start of the minute the CloudWatch depth describes; absent when CloudWatch has no
   * datapoint for the queue in the last hour (SQS publishes no metrics for an idle queue).
   */
  depthAsOf?: string;
  /** Entity refs of the fleets that drain this queue. */
  drainedBy: string[];
  series: {
    visible: MetricPoint[];
    oldestAgeSeconds: MetricPoint[];
    sent: MetricPoint[];
    deleted: MetricPoint[];
    dlqVisible: MetricPoint[];
  };
  alarms: QueueAlarm[];
  fetchedAt: string;
}

/** An environment whose AWS account could not be read (the others are still shown). @public */
export interface EnvironmentReadProblem {
  environment: string;
  message: string;
  /** The IAM action that was refused, when that is the cause. */
  iamAction?: string;
  /** What the view shows instead, when the environment is still shown. */
  fallback?: string;
}

/** GET /fleets?series=full: every fleet as its own read answers it. @public */
export interface FleetsResponse {
  fleets: FleetStatus[];
  problems?: EnvironmentReadProblem[];
}

/** GET /queues?series=full: every queue with its hour of series. @public */
export interface QueuesResponse {
  queues: QueueStatus[];
  problems?: EnvironmentReadProblem[];
}

/**
 * One fleet as the Fleet view's table and the health strip show it (GET /fleets): the group's
 * sizes and convergence, its spot share, cost, backlog and recommendation. Everything else
 * (instances, policies, schedules, activities, the backlog chart, the guardrail, console
 * link) is on the fleet's own read (GET /fleets/by-entity), or in the list with ?series=full.
 * @public
 */
export interface FleetListItem
  extends Pick<
    FleetStatus,
    | 'entityRef'
    | 'environment'
    | 'asgName'
    | 'found'
    | 'desiredCapacity'
    | 'minSize'
    | 'maxSize'
    | 'inService'
    | 'pending'
    | 'terminating'
    | 'convergingSince'
    | 'hourlyUsd'
  > {
  /** The spot share the table states ("70 % spot above 1 on-demand"). */
  distribution?: Pick<FleetDistribution, 'onDemandBaseCapacity' | 'onDemandPercentageAboveBaseCapacity'>;
  backlog?: Pick<FleetBacklog, 'queueRef' | 'visible' | 'perInstance'>;
  recommendation?: Omit<FleetRecommendation, 'rule'>;
}

/**
 * An alarm not in OK as the Queues table shows it: its state, since when, condition and
 * evaluation window (why its state can differ from the Oldest and Visible columns). Why it
 * is in its state is on the queue's own read. @public
 */
export type QueueListAlarm = Omit<QueueAlarm, 'reason'>;

/**
 * One queue as the Queues view's table and the health strip show it (GET /queues): latest
 * depths (CloudWatch), the oldest message's age, DLQ depth, the fleets draining it and its
 * alarms. The hour of series, URLs and account are on the queue's own read
 * (GET /queues/by-entity), or in the list with ?series=full.
 * @public
 */
export interface QueueListItem
  extends Pick<
    QueueStatus,
    | 'entityRef'
    | 'environment'
    | 'queueName'
    | 'found'
    | 'visible'
    | 'inFlight'
    | 'delayed'
    | 'dlqName'
    | 'dlqVisible'
    | 'depthSource'
    | 'depthAsOf'
    | 'drainedBy'
  > {
  /** Age of the oldest message at the latest datapoint, seconds; absent without one. */
  oldestAgeSeconds?: number;
  /**
   * The queue's alarms that are not in OK (ALARM, INSUFFICIENT_DATA). Those in OK are only
   * counted (`alarmsOk`): at 500 queues their details were most of the list, and the table
   * says "3 OK" for them; the queue's own read lists every alarm with its reason.
   */
  alarms: QueueListAlarm[];
  /** How many of the queue's alarms are in OK. */
  alarmsOk: number;
  /**
   * Threshold of the alarm on the main queue's oldest message age (seconds), whatever its
   * state: the health strip warns when the age is past it before the alarm fires.
   */
  ageAlarmThreshold?: number;
}

/**
 * Which rows of a fleet or queue list to read (`?offset=&limit=`, limit at most 500), in the
 * list's order: environments as the inventory lists them, then each environment's own order.
 * @public
 */
export interface ListPageRequest {
  offset: number;
  limit: number;
}

/**
 * What a fleet or queue list read asks for: a page (a ListPageRequest is one), only the items
 * needing attention (`?needsAttention=true`, common's queueNeedsAttention/fleetNeedsAttention),
 * or both. Without limit: every item (that the filter keeps).
 * @public
 */
export interface ListReadRequest extends Partial<ListPageRequest> {
  needsAttention?: boolean;
}

/** The page a list read answered, and how many rows the whole list has. @public */
export interface ListPage extends ListPageRequest {
  total: number;
}

/** GET /fleets. @public */
export interface FleetListResponse {
  fleets: FleetListItem[];
  problems?: EnvironmentReadProblem[];
  /** Present when a page was asked for. */
  page?: ListPage;
}

/** GET /queues. @public */
export interface QueueListResponse {
  queues: QueueListItem[];
  problems?: EnvironmentReadProblem[];
  /** Present when a page was asked for. */
  page?: ListPage;
}

/** Progress of a DLQ redrive (SQS ListMessageMoveTasks). @public */
export interface RedriveTask {
  taskHandle?: string;
  status: string;
  sourceArn: string;
  destinationArn?: string;
  approximateNumberOfMessagesMoved: number;
  approximateNumberOfMessagesToMove?: number;
  maxNumberOfMessagesPerSecond?: number;
  failureReason?: string;
  startedAt?: string;
}

/** Preview of a backlog target-tracking policy at the current backlog. @public */
export interface TargetTrackingPreview {
  targetBacklogPerInstance: number;
  visible: number;
  inService: number;
  currentBacklogPerInstance: number | null;
  /** Capacity the policy would aim for now: ceil(visible / target), within min/max. */
  wouldSetDesiredCapacity: number;
  hourlyUsdAtThatCapacity: number;
}

/** One AWS call of a change's plan (dry-run) as the backend returns it. @public */
export interface PlannedAwsCall {
  service: string;
  command: string;
  input: Record<string, unknown>;
  accountId: string;
  region: string;
}

/** A row of a fleet's or queue's change history (the backend's mutation record). @public */
export interface ChangeRecord {
  id: string;
  action: string;
  targetRef: string;
  actor: string;
  reason: string;
  dryRun: boolean;
  input: Record<string, unknown>;
  plan: PlannedAwsCall[];
  status: 'running' | 'succeeded' | 'failed' | 'dry-run';
  result?: Record<string, unknown>;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  /** Before -> after of every value the change set, read when it was planned. */
  changes?: { field: string; before: unknown; after: unknown }[];
  /** Request ids of the AWS calls it made. */
  awsRequestIds?: string[];
  /** How it really ended (a runbook start: its execution's status). */
  outcome?: string;
}

/** A page of a change history, newest first. @public */
export interface ChangeHistoryPage {
  items: ChangeRecord[];
  /** Pass back as ?cursor= for the next, older page; absent on the last page. */
  nextCursor?: string;
}

/** Answer of every fleet/queue change. @public */
export interface ChangeOutcome {
  mutation: ChangeRecord;
  replayed: boolean;
  /** Target-tracking changes: what the policy would do at the current backlog. */
  preview?: TargetTrackingPreview;
}

/**
 * The processes Auto Scaling can suspend (API reference, SuspendProcesses): one list for the
 * fleet change's validation and the simulated account. @public
 */
export const AUTO_SCALING_PROCESSES = [
  'Launch',
  'Terminate',
  'AddToLoadBalancer',
  'AlarmNotification',
  'AZRebalance',
  'HealthCheck',
  'InstanceRefresh',
  'ReplaceUnhealthy',
  'ScheduledActions',
] as const;

/** One of AUTO_SCALING_PROCESSES. @public */
export type AutoScalingProcess = (typeof AUTO_SCALING_PROCESSES)[number];

/** What every change request carries. @public */
export interface ChangeEnvelope {
  reason: string;
  dryRun?: boolean;
  idempotencyKey?: string;
}

/** The fleet change endpoints (POST /fleets/<action>). @public */
export type FleetChangeAction =
  | 'desired-capacity'
  | 'size'
  | 'spot-share'
  | 'processes'
  | 'target-tracking'
  | 'scheduled-actions'
  | 'scheduled-actions/delete';
