import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ResolvedSubnets } from '../spec/resolve';
import { assumeRolePolicy } from './iam';

export interface NetworkProps {
  name: string;
  region: string;
  cidr: string;
  azs: string[];
  subnets: ResolvedSubnets;
  /** One NAT gateway per AZ (HA) or a single shared one (dev cost saving, seed 001). */
  natPerAz: boolean;
  interfaceEndpoints: boolean;
  logRetentionDays: number;
  kmsKeyArn: string;
  /** A DR network only holds the data tier (read replica): no internet, no NAT. */
  dataOnly?: boolean;
  provider?: TerraformProvider;
}

/**
 * Three-tier VPC (seed 000): public subnets for the ALB and NAT, private app subnets for ECS
 * and GPU workers, private data subnets for RDS and Redis, with flow logs and VPC endpoints.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly publicSubnets: Subnet[] = [];
  readonly appSubnets: Subnet[] = [];
  readonly dataSubnets: Subnet[] = [];
  readonly natGateways: NatGateway[] = [];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { provider } = props;
    this.vpc = new Vpc(this, 'vpc', {
      provider,
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: `${props.name}-vpc` },
    });

    const subnet = (tierName: string, cidrs: string[], into: Subnet[]) =>
      cidrs.forEach((cidrBlock, i) =>
        into.push(
          new Subnet(this, `${tierName}-${i}`, {
            provider,
            vpcId: this.vpc.id,
            cidrBlock,
            availabilityZone: props.azs[i],
            // Nothing launched here needs a public IP: the ALB and NAT get their own.
            mapPublicIpOnLaunch: false,
            tags: { Name: `${props.name}-${tierName}-${props.azs[i]}`, 'platform-ops:subnet-tier': tierName },
          }),
        ),
      );
    subnet('data', props.subnets.data, this.dataSubnets);

    const dataRoutes = new RouteTable(this, 'data-rt', {
      provider,
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-data` },
    });
    this.dataSubnets.forEach((s, i) =>
      new RouteTableAssociation(this, `data-rta-${i}`, { provider, subnetId: s.id, routeTableId: dataRoutes.id }),
    );
    const privateRouteTables: RouteTable[] = [dataRoutes];

    if (!props.dataOnly) {
      subnet('public', props.subnets.public, this.publicSubnets);
      subnet('app', props.subnets.app, this.appSubnets);
      const igw = new InternetGateway(this, 'igw', { provider, vpcId: this.vpc.id, tags: { Name: `${props.name}-igw` } });
      const publicRoutes = new RouteTable(this, 'public-rt', { provider, vpcId: this.vpc.id, tags: { Name: `${props.name}-public` } });
      new Route(this, 'public-default', {
        provider,
        routeTableId: publicRoutes.id,
        destinationCidrBlock: '0.0.0.0/0',
        gatewayId: igw.id,
      });
      this.publicSubnets.forEach((s, i) =>
        new RouteTableAssociation(this, `public-rta-${i}`, { provider, subnetId: s.id, routeTableId: publicRoutes.id }),
      );

      const natCount = props.natPerAz ? props.azs.length : 1;
      for (let i = 0; i < natCount; i++) {
        const eip = new Eip(this, `nat-eip-${i}`, { provider, domain: 'vpc', tags: { Name: `${props.name}-nat-${i}` } });
        this.natGateways.push(
          new NatGateway(this, `nat-${i}`, {
            provider,
            allocationId: eip.id,
            subnetId: this.publicSubnets[i].id,
            tags: { Name: `${props.name}-nat-${props.azs[i]}` },
            dependsOn: [igw],
          }),
        );
      }
      // Each app subnet routes through the NAT in its own AZ when there is one per AZ,
      // so losing an AZ does not cut the others off the internet.
      this.appSubnets.forEach((s, i) => {
        const rt = new RouteTable(this, `app-rt-${i}`, { provider, vpcId: this.vpc.id, tags: { Name: `${props.name}-app-${props.azs[i]}` } });
        new Route(this, `app-default-${i}`, {
          provider,
          routeTableId: rt.id,
          destinationCidrBlock: '0.0.0.0/0',
          natGatewayId: this.natGateways[props.natPerAz ? i : 0].id,
        });
        new RouteTableAssociation(this, `app-rta-${i}`, { provider, subnetId: s.id, routeTableId: rt.id });
        privateRouteTables.push(rt);
      });
    }

    // S3 gateway endpoint is free and keeps video traffic off the NAT (seed 004).
    new VpcEndpoint(this, 's3-endpoint', {
      provider,
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: privateRouteTables.map(rt => rt.id),
    });

    if (props.interfaceEndpoints && !props.dataOnly) {
      const endpointSg = new SecurityGroup(this, 'endpoints-sg', {
        provider,
        name: `${props.name}-endpoints`,
        description: 'HTTPS from inside the VPC to interface endpoints',
        vpcId: this.vpc.id,
      });
      new VpcSecurityGroupIngressRule(this, 'endpoints-https', {
        provider,
        securityGroupId: endpointSg.id,
        cidrIpv4: props.cidr,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
      });
      for (const service of ['sqs', 'ecr.api', 'ecr.dkr', 'secretsmanager', 'logs']) {
        new VpcEndpoint(this, `${service.replace('.', '-')}-endpoint`, {
          provider,
          vpcId: this.vpc.id,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: this.appSubnets.map(s => s.id),
          securityGroupIds: [endpointSg.id],
        });
      }
    }

    const flowLogGroup = new CloudwatchLogGroup(this, 'flow-logs', {
      provider,
      name: `/vpc/${props.name}/flow-logs`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });
    const flowRole = new IamRole(this, 'flow-logs-role', {
      provider,
      name: `${props.name}-${props.dataOnly ? 'dr-' : ''}flow-logs`,
      assumeRolePolicy: assumeRolePolicy('vpc-flow-logs.amazonaws.com'),
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      provider,
      role: flowRole.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: `${flowLogGroup.arn}:*`,
          },
        ],
      }),
    });
    new FlowLog(this, 'flow-log', {
      provider,
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestination: flowLogGroup.arn,
      iamRoleArn: flowRole.arn,
    });
  }
}
