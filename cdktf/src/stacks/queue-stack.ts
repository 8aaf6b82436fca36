import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { JobQueue } from '../constructs/queue';
import { names } from '../spec/naming';
import { ResolvedQueueStack } from '../spec/resolve';
import { awsProvider, remoteState } from './provider';
import { DataAwsSnsTopic } from '@cdktf/provider-aws/lib/data-aws-sns-topic';
import { useProvider } from '../constructs/in-provider';
import { tagRoles } from '../tagging/roles';

/** An extra job queue + DLQ in an existing environment, alarming to its alerts topic. */
export class QueueStack extends TerraformStack {
  constructor(scope: Construct, id: string, spec: ResolvedQueueStack) {
    super(scope, id);
    awsProvider(this, 'aws', spec, spec.region);
    tagRoles(this);
    remoteState(this, spec, spec.environment, `${spec.environment}/queues/${spec.name}.tfstate`);
    const topic = new DataAwsSnsTopic(this, 'alerts', { name: names.alertsTopic(spec.environment) });
    const q = new JobQueue(this, 'queue', {
      queueName: names.queue(spec.environment, spec.name),
      dlqName: names.dlq(spec.environment, spec.name),
      settings: spec.queue,
      alarmTopicArn: topic.arn,
    });
    // Prod: a DR copy under the same name, drained by the DR pilot-light pools after a failover.
    if (spec.regionFailover) {
      const drScope = new Construct(this, 'dr');
      useProvider(drScope, awsProvider(this, 'aws-dr', spec, spec.drRegion, 'dr'));
      const drTopic = new DataAwsSnsTopic(drScope, 'alerts', { name: names.alertsTopic(spec.environment) });
      new JobQueue(drScope, 'queue', {
        queueName: names.queue(spec.environment, spec.name),
        dlqName: names.dlq(spec.environment, spec.name),
        settings: spec.queue,
        alarmTopicArn: drTopic.arn,
      });
    }
    new TerraformOutput(this, 'queue_url', { value: q.queue.url });
    new TerraformOutput(this, 'dlq_url', { value: q.dlq.url });
  }
}
