import type { DescribeInstancesCommandOutput, Instance } from '@aws-sdk/client-ec2';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { awsError } from './errors';
import { ServiceModel } from './ServiceModel';
import type { PlatformWorld } from './world/PlatformWorld';

type Input = Record<string, unknown>;

const STATE = {
  Pending: { Code: 0, Name: 'pending' },
  InService: { Code: 16, Name: 'running' },
  Terminating: { Code: 32, Name: 'shutting-down' },
} as const;

/**
 * EC2 DescribeInstances for the GPU workers: the one place AWS tells spot from on-demand
 * (InstanceLifecycle), which the fleet pages show next to the group's distribution.
 */
export class Ec2Model implements ServiceModel {
  readonly service = 'ec2' as const;
  readonly operations = ['DescribeInstances'] as const;

  constructor(private readonly world: () => PlatformWorld) {}

  handle(operation: string, input: Input, location: AwsLocation, now: Date): Record<string, unknown> {
    const world = this.world();
    world.advanceTo(now.getTime());
    if (operation !== 'DescribeInstances') throw awsError('InvalidAction', `Unsupported operation ${operation}`);
    const parsed = z
      .object({
        InstanceIds: z.array(z.string()).optional(),
        Filters: z.array(z.object({ Name: z.string(), Values: z.array(z.string()) })).optional(),
        MaxResults: z.number().int().min(5).max(1000).optional(),
        NextToken: z.string().optional(),
      })
      .safeParse(input);
    if (!parsed.success) {
      throw awsError('InvalidParameterValue', parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const { InstanceIds, Filters } = parsed.data;
    const all = world.groups
      .filter(g => g.accountId === location.accountId && g.region === location.region)
      .flatMap(g => g.instances.map(i => ({ g, i })));
    if (InstanceIds) {
      const missing = InstanceIds.filter(id => !all.some(x => x.i.id === id));
      if (missing.length > 0) {
        throw awsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
      }
    }
    const selected = all.filter(({ g, i }) => {
      if (InstanceIds && !InstanceIds.includes(i.id)) return false;
      return (Filters ?? []).every(f => {
        switch (f.Name) {
          case 'tag:aws:autoscaling:groupName':
            return f.Values.includes(g.name);
          case 'instance-state-name':
            return f.Values.includes(STATE[i.state].Name);
          case 'instance-lifecycle':
            return f.Values.includes(i.purchase === 'spot' ? 'spot' : 'on-demand');
          case 'instance-type':
            return f.Values.includes(i.instanceType);
          default:
            throw awsError('InvalidParameterValue', `The filter '${f.Name}' is invalid in the simulated account`);
        }
      });
    });
    const instances: Instance[] = selected.map(({ g, i }) => ({
      InstanceId: i.id,
      InstanceType: i.instanceType as Instance['InstanceType'],
      ...(i.purchase === 'spot' ? { InstanceLifecycle: 'spot' as const } : {}),
      State: { ...STATE[i.state] },
      Placement: { AvailabilityZone: i.availabilityZone },
      LaunchTime: new Date(i.launchedAt),
      Tags: [
        { Key: 'aws:autoscaling:groupName', Value: g.name },
        { Key: world.costTagKey, Value: g.costTag },
      ],
    }));
    const answer: Omit<DescribeInstancesCommandOutput, '$metadata'> = {
      Reservations: instances.length
        ? [{ ReservationId: `r-0${g0(location.accountId)}`, OwnerId: location.accountId, Instances: instances }]
        : [],
    };
    return answer;
  }
}

function g0(accountId: string): string {
  return accountId.padStart(16, '0').slice(-16);
}
