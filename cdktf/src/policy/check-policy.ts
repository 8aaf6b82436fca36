import { fleetLimitsFor } from '@platformops/platform-ops-guardrails';
import { environmentOf, resourcesOf, stacksOf, TerraformInput, tierOf } from '../terraform/model';
import { POLICY_RULES } from './rules';
import { PolicyFinding, PolicyOptions, PolicyReport, SEVERITY_ORDER, Severity } from './types';

/**
 * Checks synthesized Terraform JSON against the platform's security policy. Works on the
 * JSON, not on the spec, so it judges exactly what would be applied, whoever generated it.
 */
export function checkPolicy(input: TerraformInput, options: PolicyOptions = {}): PolicyReport {
  const stacks = stacksOf(input);
  const tiers = Object.fromEntries(
    Object.entries(stacks).map(([name, json]) => [name, tierOf(json) ?? options.tier]),
  );
  const environments = Object.fromEntries(
    Object.entries(stacks).map(([name, json]) => [name, environmentOf(json) ?? name]),
  );
  const ctx = {
    resources: resourcesOf(input),
    tierOf: (r: { stack: string }) => tiers[r.stack],
    // The same limits (and config keys) the backend enforces on every fleet change.
    fleetLimitsOf: (r: { stack: string }) =>
      fleetLimitsFor(
        { name: environments[r.stack], tier: tiers[r.stack] },
        options.fleetLimits?.[environments[r.stack]],
      ),
  };
  const findings: PolicyFinding[] = POLICY_RULES.flatMap(rule =>
    rule.check(ctx).map(hit => ({
      rule: rule.id,
      severity: rule.severity,
      stack: hit.resource.stack,
      resource: hit.resource.address,
      message: hit.message,
    })),
  ).sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));

  const counts = Object.fromEntries(SEVERITY_ORDER.map(s => [s, 0])) as Record<Severity, number>;
  findings.forEach(f => counts[f.severity]++);
  const failOn = SEVERITY_ORDER.indexOf(options.failOn ?? 'low');
  return {
    passed: !findings.some(f => SEVERITY_ORDER.indexOf(f.severity) <= failOn),
    findings,
    counts,
    rulesEvaluated: POLICY_RULES.map(r => r.id),
  };
}

/** Markdown summary for the template result page and the CLI. */
export function formatPolicyReport(report: PolicyReport): string {
  const head = report.passed
    ? `**Policy: passed** (${report.rulesEvaluated.length} rules, ${report.findings.length} findings)`
    : `**Policy: failed** (${SEVERITY_ORDER.map(s => `${report.counts[s]} ${s}`).join(', ')})`;
  if (report.findings.length === 0) return head;
  const rows = report.findings.map(
    f => `| ${f.severity} | ${f.rule} | \`${f.stack}/${f.resource}\` | ${f.message} |`,
  );
  return [head, '', '| severity | rule | resource | finding |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
