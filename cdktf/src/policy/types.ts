import { TierFleetLimits } from '@platformops/platform-ops-guardrails';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

export interface PolicyFinding {
  rule: string;
  severity: Severity;
  /** Stack the resource belongs to. */
  stack: string;
  /** Terraform address of the offending resource. */
  resource: string;
  message: string;
}

export interface PolicyReport {
  passed: boolean;
  findings: PolicyFinding[];
  /** Count per severity, for the template result page. */
  counts: Record<Severity, number>;
  rulesEvaluated: string[];
}

export interface PolicyOptions {
  /**
   * Fleet limits raised per environment name, as Backstage config raises them under
   * platformOps.guardrails.environments.<name> (maxGpuInstances, maxHourlyUsd).
   */
  fleetLimits?: Record<string, Partial<TierFleetLimits>>;
  /** Tier to judge by when the Terraform carries no `platform-ops:tier` default tag. */
  tier?: string;
  /** Lowest severity that fails the check (default: every finding fails). */
  failOn?: Severity;
}
