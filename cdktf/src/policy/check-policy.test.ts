import { synthesize } from '../synth/synthesize';
import { SynthResult, TerraformJson } from '../synth/types';
import { checkPolicy, formatPolicyReport } from './check-policy';

let prod: SynthResult;
beforeAll(() => {
  prod = synthesize({ name: 'prod-1', tier: 'prod', region: 'us-east-1', accountId: '123456789012' });
  // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
}, 60_000);

const clone = (json: TerraformJson) => JSON.parse(JSON.stringify(json)) as TerraformJson;
const first = (json: TerraformJson, type: string) => Object.values(json.resource![type])[0];
// The primary, not the DR replica (which sorts first).
const primaryDb = (json: TerraformJson) =>
  Object.values(json.resource!.aws_db_instance).find(d => d.identifier === 'prod-1-postgres')!;

describe('checkPolicy', () => {
  it('a full synthesized prod environment passes with zero findings', () => {
    const report = checkPolicy(prod);
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.rulesEvaluated.length).toBeGreaterThanOrEqual(12);
  });

  it('every tier passes', () => {
    for (const tier of ['dev', 'sandbox', 'staging']) {
      expect(checkPolicy(synthesize({ name: `${tier}-1`, tier, region: 'eu-west-1' })).findings).toEqual([]);
    }
  }, 60_000);

  it('finds the faults of a deliberately bad configuration', () => {
    const bad = clone(prod.stacks['prod-1']);
    const db = primaryDb(bad);
    db.publicly_accessible = true;
    db.multi_az = false;
    db.deletion_protection = false;
    db.storage_encrypted = false;
    db.backup_retention_period = 0;
    // One bucket loses its public access block.
    const blocks = bad.resource!.aws_s3_bucket_public_access_block;
    delete blocks[Object.keys(blocks)[0]];
    first(bad, 'aws_elasticache_replication_group').transit_encryption_enabled = false;
    first(bad, 'aws_sqs_queue').sqs_managed_sse_enabled = false;
    // The database security group opened to the world.
    const dbSg = Object.keys(bad.resource!.aws_security_group).find(k => k.includes('_db_'))!;
    bad.resource!.aws_vpc_security_group_ingress_rule.open = {
      security_group_id: `\${aws_security_group.${dbSg}.id}`,
      cidr_ipv4: '0.0.0.0/0',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
    };

    const report = checkPolicy(bad);
    expect(report.passed).toBe(false);
    expect(new Set(report.findings.map(f => f.rule))).toEqual(
      new Set([
        'rds-not-public',
        'rds-encrypted',
        'rds-multi-az-prod',
        'rds-deletion-protection-prod',
        'rds-backups-retained',
        's3-public-access-blocked',
        'cache-encrypted',
        'sqs-encrypted',
        'no-open-ingress-except-alb',
      ]),
    );
    expect(report.findings[0].severity).toBe('critical');
    expect(report.counts.critical).toBe(3);
    expect(report.findings.find(f => f.rule === 'no-open-ingress-except-alb')?.resource).toBe(
      'aws_vpc_security_group_ingress_rule.open',
    );
    expect(formatPolicyReport(report)).toContain('**Policy: failed**');
  });

  it('applies prod-only rules by the tier tag, or the tier option when untagged', () => {
    const json = clone(prod.stacks['prod-1']);
    primaryDb(json).multi_az = false;
    delete json.provider;
    expect(checkPolicy(json).findings).toEqual([]);
    expect(checkPolicy(json, { tier: 'prod' }).findings.map(f => f.rule)).toEqual(['rds-multi-az-prod']);
    expect(checkPolicy(json, { tier: 'prod', failOn: 'critical' }).passed).toBe(true);
  });
});
