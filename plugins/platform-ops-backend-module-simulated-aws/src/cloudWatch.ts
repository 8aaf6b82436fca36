import type { DescribeAlarmsCommandOutput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { cloudWatchErrors } from './errors';
import { getMetricData } from './metricData/getMetricData';
import { ServiceModel } from './ServiceModel';
import { SimAlarm } from './world/alarms';
import { metricScope } from './world/metrics';
import type { PlatformWorld } from './world/PlatformWorld';

type Answer<T> = Omit<T, '$metadata'>;
type Input = Record<string, unknown>;

/**
 * CloudWatch in the simulated account: GetMetricData over the history the world records
 * (AWS/SQS, AWS/AutoScaling, AWS/EC2, AWS/RDS ReplicaLag and whatever metric feeds add) and
 * DescribeAlarms over the seeded alarms, evaluated once a simulated minute.
 */
export class CloudWatchModel implements ServiceModel {
  readonly service = 'cloudWatch' as const;
  readonly operations = ['GetMetricData', 'DescribeAlarms'] as const;

  constructor(private readonly world: () => PlatformWorld) {}

  handle(operation: string, input: Input, location: AwsLocation, now: Date): Record<string, unknown> {
    const world = this.world();
    world.advanceTo(now.getTime());
    switch (operation) {
      case 'GetMetricData':
        return getMetricData(world.metrics, metricScope(location.accountId, location.region), input, world.now);
      case 'DescribeAlarms':
        return this.describeAlarms(world, input, location);
      default:
        throw cloudWatchErrors.invalidParameter(`Unsupported operation ${operation}`);
    }
  }

  private describeAlarms(world: PlatformWorld, input: Input, location: AwsLocation): Answer<DescribeAlarmsCommandOutput> {
    const parsed = z
      .object({
        AlarmNames: z.array(z.string().min(1)).max(100).optional(),
        AlarmNamePrefix: z.string().min(1).optional(),
        AlarmTypes: z.array(z.enum(['CompositeAlarm', 'MetricAlarm'])).optional(),
        StateValue: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']).optional(),
        ActionPrefix: z.string().optional(),
        MaxRecords: z.number().int().min(1).max(100).optional(),
        NextToken: z.string().optional(),
      })
      .passthrough()
      .safeParse(input);
    if (!parsed.success) {
      throw cloudWatchErrors.validation(parsed.error.issues.map(i => `${i.path.join('.')} ${i.message}`).join('; '));
    }
    const q = parsed.data;
    if (q.AlarmNames && q.AlarmNamePrefix) {
      throw cloudWatchErrors.invalidParameter('AlarmNames and AlarmNamePrefix cannot be used together.');
    }
    const offset = q.NextToken === undefined ? 0 : Number(q.NextToken);
    if (!Number.isInteger(offset) || offset < 0) throw cloudWatchErrors.invalidNextToken();
    const wantsMetric = !q.AlarmTypes || q.AlarmTypes.includes('MetricAlarm');
    const matching = wantsMetric
      ? world.alarms
          .filter(a => a.accountId === location.accountId && a.region === location.region)
          .filter(a => !q.AlarmNames || q.AlarmNames.includes(a.AlarmName))
          .filter(a => !q.AlarmNamePrefix || a.AlarmName.startsWith(q.AlarmNamePrefix))
          .filter(a => !q.StateValue || a.StateValue === q.StateValue)
          .filter(a => !q.ActionPrefix || a.AlarmActions.some(x => x.startsWith(q.ActionPrefix!)))
          .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName))
      : [];
    const max = q.MaxRecords ?? 50;
    const page = matching.slice(offset, offset + max);
    return {
      MetricAlarms: page.map(toMetricAlarm),
      CompositeAlarms: [],
      ...(offset + max < matching.length ? { NextToken: String(offset + max) } : {}),
    };
  }
}

function toMetricAlarm(a: SimAlarm): MetricAlarm {
  return {
    AlarmName: a.AlarmName,
    AlarmArn: a.AlarmArn,
    AlarmDescription: a.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: new Date(a.AlarmConfigurationUpdatedTimestamp),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [...a.AlarmActions],
    InsufficientDataActions: [],
    StateValue: a.StateValue,
    StateReason: a.StateReason,
    StateUpdatedTimestamp: new Date(a.StateUpdatedTimestamp),
    StateTransitionedTimestamp: new Date(a.StateTransitionedTimestamp),
    MetricName: a.MetricName,
    Namespace: a.Namespace,
    Statistic: a.Statistic,
    Dimensions: a.Dimensions.map(d => ({ ...d })),
    Period: a.Period,
    EvaluationPeriods: a.EvaluationPeriods,
    DatapointsToAlarm: a.DatapointsToAlarm,
    Threshold: a.Threshold,
    ComparisonOperator: a.ComparisonOperator,
    TreatMissingData: a.TreatMissingData,
  };
}
