import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { DataAwsSqsQueue } from '@cdktf/provider-aws/lib/data-aws-sqs-queue';
import { GpuFleet } from '../constructs/gpu-fleet';
import { names } from '../spec/naming';
import { ResolvedGpuPoolStack } from '../spec/resolve';
import { awsProvider, remoteState } from './provider';
import { ExistingEnvironment } from './attached';
import { useProvider } from '../constructs/in-provider';
import { tagRoles } from '../tagging/roles';

/** An extra GPU worker pool in an existing environment, draining one of its queues. */
export class GpuPoolStack extends TerraformStack {
  constructor(scope: Construct, id: string, spec: ResolvedGpuPoolStack) {
    super(scope, id);
    awsProvider(this, 'aws', spec, spec.region);
    tagRoles(this);
    remoteState(this, spec, spec.environment, `${spec.environment}/gpu-pools/${spec.name}.tfstate`);
    const env = new ExistingEnvironment(this, 'environment', spec.environment);
    const queueName = names.queue(spec.environment, spec.queueName);
    const queue = new DataAwsSqsQueue(this, 'queue', { name: queueName });
    const asgName = names.asg(spec.environment, spec.name);
    const fleet = new GpuFleet(this, 'gpu', {
      asgName,
      pool: spec.gpu,
      subnetIds: env.appSubnetIds,
      securityGroupIds: [env.gpuSecurityGroupId],
      queueName,
      queueUrl: queue.url,
      queueArn: queue.arn,
      kmsKeyArn: env.kmsKeyArn,
      tags: spec.tags,
    });
    new TerraformOutput(this, 'asg_name', { value: fleet.asg.name });

    // Prod: the same group at zero in the DR region, for the region failover to scale up.
    if (spec.regionFailover) {
      const drScope = new Construct(this, 'dr');
      useProvider(drScope, awsProvider(this, 'aws-dr', spec, spec.drRegion, 'dr'));
      const drEnv = new ExistingEnvironment(drScope, 'environment', spec.environment, { site: 'dr' });
      const drQueue = new DataAwsSqsQueue(drScope, 'queue', { name: queueName });
      const standby = new GpuFleet(drScope, 'gpu', {
        asgName,
        iamName: `${asgName}-dr`,
        pool: { ...spec.gpu, min: 0, desired: 0 },
        subnetIds: drEnv.appSubnetIds,
        securityGroupIds: [drEnv.gpuSecurityGroupId],
        queueName,
        queueUrl: drQueue.url,
        queueArn: drQueue.arn,
        kmsKeyArn: drEnv.kmsKeyArn,
        tags: spec.tags,
        capacityOwnedByRunbooks: true,
      });
      new TerraformOutput(this, 'dr_asg_name', { value: standby.asg.name });
    }
  }
}
