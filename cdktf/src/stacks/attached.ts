import { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
import { DataAwsSecurityGroup } from '@cdktf/provider-aws/lib/data-aws-security-group';
import { DataAwsKmsKey } from '@cdktf/provider-aws/lib/data-aws-kms-key';
import { DataAwsSnsTopic } from '@cdktf/provider-aws/lib/data-aws-sns-topic';
import { names } from '../spec/naming';

/**
 * Looks up what an environment stack created, by the names and tags it gave them, so that
 * pools and queues added later attach to it without sharing Terraform state.
 */
export class ExistingEnvironment extends Construct {
  readonly appSubnetIds: string[];
  readonly gpuSecurityGroupId: string;
  readonly kmsKeyArn: string;
  readonly alertsTopicArn: string;

  /**
   * `site: 'dr'` finds the environment's DR-region copies (`<env>-dr-vpc`, `<env>-dr-gpu`,
   * `alias/<env>-dr`); the scope must put it on the DR provider.
   */
  constructor(scope: Construct, id: string, environment: string, options: { site?: 'primary' | 'dr' } = {}) {
    super(scope, id);
    const prefix = options.site === 'dr' ? `${environment}-dr` : environment;
    const vpc = new DataAwsVpc(this, 'vpc', { tags: { Name: names.vpc(prefix) } });
    const subnets = new DataAwsSubnets(this, 'app-subnets', {
      filter: [{ name: 'vpc-id', values: [vpc.id] }],
      tags: { 'platform-ops:subnet-tier': 'app' },
    });
    this.appSubnetIds = subnets.ids;
    this.gpuSecurityGroupId = new DataAwsSecurityGroup(this, 'gpu-sg', {
      vpcId: vpc.id,
      name: `${prefix}-gpu`,
    }).id;
    this.kmsKeyArn = new DataAwsKmsKey(this, 'kms', { keyId: `alias/${prefix}` }).arn;
    this.alertsTopicArn = new DataAwsSnsTopic(this, 'alerts', { name: names.alertsTopic(environment) }).arn;
  }
}
