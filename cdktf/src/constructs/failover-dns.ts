import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { names } from '../spec/naming';
import { ResolvedDns } from '../spec/resolve';

export interface FailoverDnsProps {
  name: string;
  primary: { alb: Lb; region: string };
  dr: { alb: Lb; region: string };
  /** Without it only the health checks are created (and policy reports the missing records). */
  dns?: ResolvedDns;
  /** Path the ALB answers on when the API is healthy (seed 003). */
  healthPath: string;
}

/**
 * The public endpoint's failover (seed 004 step 4): a Route 53 health check on each region's
 * ALB and, in the environment's hosted zone, a PRIMARY alias record to the primary ALB and a
 * SECONDARY one to the DR ALB. When the primary check fails Route 53 answers with the DR
 * record on its own (data plane); the route53-failover and region-failover runbooks swap the
 * pair through the us-east-1 control plane.
 */
export class FailoverDns extends Construct {
  readonly primaryCheck: Route53HealthCheck;
  readonly drCheck: Route53HealthCheck;
  readonly records: Route53Record[] = [];

  constructor(scope: Construct, id: string, props: FailoverDnsProps) {
    super(scope, id);
    const healthCheck = (key: string, alb: Lb, checkName: string) =>
      new Route53HealthCheck(this, key, {
        type: 'HTTP',
        fqdn: alb.dnsName,
        port: 80,
        resourcePath: props.healthPath,
        failureThreshold: 3,
        requestInterval: 30,
        // Health checks have no name in AWS: the reference and the Name tag carry it.
        referenceName: checkName.slice(0, 64),
        tags: { Name: checkName },
      });
    this.primaryCheck = healthCheck(
      'primary-check',
      props.primary.alb,
      names.healthCheck(props.name, 'primary', props.primary.region),
    );
    this.drCheck = healthCheck('dr-check', props.dr.alb, names.healthCheck(props.name, 'dr', props.dr.region));

    if (!props.dns) return;
    const record = (key: string, role: 'PRIMARY' | 'SECONDARY', alb: Lb, region: string, check: Route53HealthCheck) =>
      new Route53Record(this, key, {
        zoneId: props.dns!.hostedZoneId,
        name: props.dns!.recordName,
        type: 'A',
        setIdentifier: names.failoverSetId(role, region),
        failoverRoutingPolicy: { type: role },
        healthCheckId: check.id,
        alias: { name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true },
        // After a failover the runbooks have swapped what the pair points at; a later apply
        // must not silently send traffic back to the region that failed.
        lifecycle: { ignoreChanges: ['alias', 'health_check_id'] },
      });
    this.records.push(
      record('primary-record', 'PRIMARY', props.primary.alb, props.primary.region, this.primaryCheck),
      record('secondary-record', 'SECONDARY', props.dr.alb, props.dr.region, this.drCheck),
    );
  }
}
