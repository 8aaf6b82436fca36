import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';

export const APP_PORT = 8000;
export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

export interface SecurityGroupsProps {
  name: string;
  vpcId: string;
}

/**
 * Chained security groups (seeds 001 and 004): the internet reaches only the ALB, the ALB
 * reaches only the app, and only the app and GPU workers reach the data tier. Rules are
 * separate resources so that the chain has no cycles and each hop is visible in review.
 */
export class SecurityGroups extends Construct {
  readonly alb: SecurityGroup;
  readonly app: SecurityGroup;
  readonly gpu: SecurityGroup;
  readonly db: SecurityGroup;
  readonly cache: SecurityGroup;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const group = (key: string, description: string) =>
      new SecurityGroup(this, key, {
        name: `${props.name}-${key}`,
        description,
        vpcId: props.vpcId,
        tags: { Name: `${props.name}-${key}` },
      });
    this.alb = group('alb', 'Public load balancer: HTTPS/HTTP from the internet');
    this.app = group('app', 'ECS API and worker tasks: traffic from the ALB only');
    this.gpu = group('gpu', 'GPU workers: no inbound, they pull from SQS');
    this.db = group('db', 'PostgreSQL: from app and GPU workers only');
    this.cache = group('cache', 'Redis: from app only');

    let n = 0;
    const ingress = (sg: SecurityGroup, port: number, from: SecurityGroup | string) =>
      new VpcSecurityGroupIngressRule(this, `in-${n++}`, {
        securityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        ...(typeof from === 'string' ? { cidrIpv4: from } : { referencedSecurityGroupId: from.id }),
      });
    const egress = (sg: SecurityGroup, port: number, to: SecurityGroup | string) =>
      new VpcSecurityGroupEgressRule(this, `out-${n++}`, {
        securityGroupId: sg.id,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        ...(typeof to === 'string' ? { cidrIpv4: to } : { referencedSecurityGroupId: to.id }),
      });

    // The ALB is the one place 0.0.0.0/0 ingress is allowed (policy rule sg-open-ingress).
    ingress(this.alb, 443, '0.0.0.0/0');
    ingress(this.alb, 80, '0.0.0.0/0');
    egress(this.alb, APP_PORT, this.app);

    ingress(this.app, APP_PORT, this.alb);
    egress(this.app, 443, '0.0.0.0/0');
    egress(this.app, POSTGRES_PORT, this.db);
    egress(this.app, REDIS_PORT, this.cache);

    egress(this.gpu, 443, '0.0.0.0/0');
    egress(this.gpu, POSTGRES_PORT, this.db);

    ingress(this.db, POSTGRES_PORT, this.app);
    ingress(this.db, POSTGRES_PORT, this.gpu);
    ingress(this.cache, REDIS_PORT, this.app);
  }
}
