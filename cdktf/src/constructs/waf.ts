import { Construct } from 'constructs';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';

export interface WafProps {
  name: string;
  albArn: string;
  /** Requests per 5 minutes per IP before blocking (seed 004: 100). */
  rateLimit: number;
}

const visibility = (metricName: string) => ({
  CloudWatchMetricsEnabled: true,
  SampledRequestsEnabled: true,
  MetricName: metricName,
});

const managed = (name: string, priority: number) => ({
  Name: name,
  Priority: priority,
  OverrideAction: { None: {} },
  Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
  VisibilityConfig: visibility(name),
});

/** WAF on the ALB (seed 004): per-IP rate limiting plus the AWS managed rule sets. */
export class Waf extends Construct {
  readonly acl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WafProps) {
    super(scope, id);
    // Rules as JSON (rule_json): the nested HCL block types of wafv2 are deep and the
    // AWS API shape below is what the WAF docs and console exports show.
    const rules = [
      {
        Name: 'rate-limit',
        Priority: 0,
        Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
        Statement: {
          RateBasedStatement: { Limit: props.rateLimit, AggregateKeyType: 'IP', EvaluationWindowSec: 300 },
        },
        VisibilityConfig: visibility('rate-limit'),
      },
      managed('AWSManagedRulesCommonRuleSet', 1),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      managed('AWSManagedRulesSQLiRuleSet', 3),
      managed('AWSManagedRulesAmazonIpReputationList', 4),
    ];
    this.acl = new Wafv2WebAcl(this, 'acl', {
      name: `${props.name}-alb`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      ruleJson: JSON.stringify(rules),
      visibilityConfig: {
        cloudwatchMetricsEnabled: true,
        sampledRequestsEnabled: true,
        metricName: `${props.name}-alb`,
      },
    });
    new Wafv2WebAclAssociation(this, 'alb', {
      resourceArn: props.albArn,
      webAclArn: this.acl.arn,
    });
  }
}
