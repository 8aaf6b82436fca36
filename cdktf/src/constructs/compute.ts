import { Construct } from 'constructs';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { EcsServicePreset } from '../spec/tiers';
import { assumeRolePolicy } from './iam';
import { APP_PORT } from './security-groups';

export interface ComputeProps {
  name: string;
  region: string;
  vpcId: string;
  publicSubnetIds: string[];
  appSubnetIds: string[];
  albSecurityGroupId: string;
  appSecurityGroupId: string;
  api: EcsServicePreset;
  worker: EcsServicePreset;
  apiImage: string;
  workerImage: string;
  logRetentionDays: number;
  kmsKeyArn: string;
  /** With a certificate the ALB serves HTTPS and redirects HTTP; without, HTTP only. */
  certificateArn?: string;
  deletionProtection: boolean;
  /** Prefix of the IAM roles (IAM is global: the DR copy needs its own names). Default: name. */
  iamName?: string;
  /**
   * Pilot light (DR region): services created at zero tasks and allowed to scale to zero;
   * the region-failover runbook sets their desired count.
   */
  pilotLight?: boolean;
}

/**
 * ECS Fargate cluster with Container Insights, the public ALB, and the API and worker
 * services, each scaling on CPU with target tracking (70 %, seed 001/004).
 */
export class Compute extends Construct {
  readonly cluster: EcsCluster;
  readonly alb: Lb;
  readonly apiService: EcsService;
  readonly workerService: EcsService;
  readonly targetGroup: LbTargetGroup;

  constructor(scope: Construct, id: string, props: ComputeProps) {
    super(scope, id);
    this.cluster = new EcsCluster(this, 'cluster', {
      name: `${props.name}-cluster`,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });

    const executionRole = new IamRole(this, 'execution-role', {
      name: `${props.iamName ?? props.name}-ecs-execution`,
      assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
    });
    new IamRolePolicyAttachment(this, 'execution-policy', {
      role: executionRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    });
    const taskRole = new IamRole(this, 'task-role', {
      name: `${props.iamName ?? props.name}-ecs-task`,
      assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
    });

    this.alb = new Lb(this, 'alb', {
      name: `${props.name}-alb`.slice(0, 32),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [props.albSecurityGroupId],
      subnets: props.publicSubnetIds,
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection,
    });
    this.targetGroup = new LbTargetGroup(this, 'api-tg', {
      name: `${props.name}-api`.slice(0, 32),
      port: APP_PORT,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: props.vpcId,
      deregistrationDelay: '300',
      healthCheck: { path: '/health', interval: 30, healthyThreshold: 2, unhealthyThreshold: 3 },
    });
    if (props.certificateArn) {
      new LbListener(this, 'https', {
        loadBalancerArn: this.alb.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        certificateArn: props.certificateArn,
        defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      });
      new LbListener(this, 'http', {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [
          { type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } },
        ],
      });
    } else {
      new LbListener(this, 'http', {
        loadBalancerArn: this.alb.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      });
    }

    const service = (key: 'api' | 'worker', preset: EcsServicePreset, image: string, withLb: boolean) => {
      const logs = new CloudwatchLogGroup(this, `${key}-logs`, {
        name: `/ecs/${props.name}/${key}`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.kmsKeyArn,
      });
      const task = new EcsTaskDefinition(this, `${key}-task`, {
        family: `${props.name}-${key}`,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: String(preset.cpu),
        memory: String(preset.memory),
        executionRoleArn: executionRole.arn,
        taskRoleArn: taskRole.arn,
        containerDefinitions: JSON.stringify([
          {
            name: key,
            image,
            essential: true,
            portMappings: withLb ? [{ containerPort: APP_PORT, protocol: 'tcp' }] : [],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': logs.name,
                'awslogs-region': props.region,
                'awslogs-stream-prefix': key,
              },
            },
          },
        ]),
      });
      const svc = new EcsService(this, `${key}-service`, {
        name: `${props.name}-${key}`,
        cluster: this.cluster.id,
        taskDefinition: task.arn,
        launchType: 'FARGATE',
        desiredCount: props.pilotLight ? 0 : preset.min,
        networkConfiguration: {
          subnets: props.appSubnetIds,
          securityGroups: [props.appSecurityGroupId],
          assignPublicIp: false,
        },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        loadBalancer: withLb
          ? [{ targetGroupArn: this.targetGroup.arn, containerName: key, containerPort: APP_PORT }]
          : undefined,
        // Autoscaling owns the count after the first deploy.
        lifecycle: { ignoreChanges: ['desired_count'] },
      });
      const target = new AppautoscalingTarget(this, `${key}-scaling-target`, {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: `service/${this.cluster.name}/${svc.name}`,
        minCapacity: props.pilotLight ? 0 : preset.min,
        maxCapacity: preset.max,
      });
      new AppautoscalingPolicy(this, `${key}-cpu-tracking`, {
        name: `${props.name}-${key}-cpu`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: 70,
          predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          scaleOutCooldown: 60,
          scaleInCooldown: 300,
        },
      });
      return svc;
    };
    this.apiService = service('api', props.api, props.apiImage, true);
    this.workerService = service('worker', props.worker, props.workerImage, false);
  }
}
