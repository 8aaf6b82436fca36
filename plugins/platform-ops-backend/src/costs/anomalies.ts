import { Anomaly, GetAnomaliesCommand } from '@aws-sdk/client-cost-explorer';
import {
  AnomalyReport,
  CostAnomaly,
  DataProblem,
} from '@platformops/plugin-platform-ops-common';
import { detectIncreases, round2 } from './analysis';
import { cachedPages } from './cachedPages';
import { CostContext, oldest } from './context';
import { isoDay } from './dates';
import { anomaliesCommand } from './queries';
import { problemOf } from './problems';
import { CostScope } from './scope';
import { getSpend } from './spend';
import { defaultPeriod } from './defaults';

function toAnomaly(a: Anomaly, currency: string): CostAnomaly {
  return {
    id: a.AnomalyId ?? '',
    source: 'cost-anomaly-detection',
    // AWS answers timestamps (2026-10-31T00:00:00Z); the page works in days.
    startDate: a.AnomalyStartDate?.slice(0, 10),
    endDate: a.AnomalyEndDate?.slice(0, 10),
    dimensionValue: a.DimensionValue,
    totalImpact: round2(a.Impact?.TotalImpact ?? 0),
    totalImpactPercentage:
      a.Impact?.TotalImpactPercentage === undefined
        ? undefined
        : Math.round(a.Impact.TotalImpactPercentage * 10) / 10,
    maxScore: a.AnomalyScore?.MaxScore,
    currency,
    rootCauses: (a.RootCauses ?? []).map(r => ({
      service: r.Service,
      region: r.Region,
      linkedAccount: r.LinkedAccount,
      linkedAccountName: r.LinkedAccountName,
      usageType: r.UsageType,
      contribution: r.Impact?.Contribution,
    })),
  };
}

/**
 * Cost Anomaly Detection findings for the scope, plus the seeds' increase rule over complete
 * days of spend (a signal even where no anomaly monitor is set up).
 */
export async function getAnomalies(
  ctx: CostContext,
  scope: CostScope,
): Promise<AnomalyReport> {
  const today = isoDay(ctx.now());
  const problems: DataProblem[] = [];
  // Without Cost Anomaly Detection (not set up, or ce:GetAnomalies denied) the increase rule
  // below is the documented fallback signal: keep it, and name what is missing.
  const answer = await cachedPages(
    ctx,
    ctx.payer,
    'costExplorer',
    anomaliesCommand(today),
    input => new GetAnomaliesCommand(input),
    'NextPageToken',
  ).catch(error => {
    problems.push(
      problemOf('anomalies', error, 'day-over-day increases of the spend only'),
    );
    return undefined;
  });
  // The dashboard's own daily-by-service query (same cached answer, no extra request); the
  // rule looks at complete days only, since today's partial spend is always "low".
  const spend = await getSpend(
    ctx,
    scope,
    defaultPeriod('DAILY', ctx.now()),
    'SERVICE',
  );
  const completeDays = spend.periods.filter(p => p.start < today);
  // Anomalies are per account and service, not per tag: a scope keeps those whose root
  // causes are in one of its environments' accounts (or that name no account at all).
  const accounts = new Set(scope.environments.map(e => e.location.accountId));
  const anomalies = (answer?.pages.flatMap(page => page.Anomalies ?? []) ?? [])
    .map(a => toAnomaly(a, spend.currency))
    .filter(
      a =>
        scope.info.kind === 'platform' ||
        a.rootCauses.length === 0 ||
        a.rootCauses.some(
          r => !r.linkedAccount || accounts.has(r.linkedAccount),
        ),
    )
    .sort((a, b) => b.totalImpact - a.totalImpact);
  return {
    scope: scope.info,
    anomalies,
    increases: detectIncreases(
      completeDays,
      ctx.config.increaseThresholdPercent,
      spend.currency,
    ),
    thresholdPercent: ctx.config.increaseThresholdPercent,
    problems,
    fetchedAt: answer
      ? oldest(answer.fetchedAt, new Date(spend.fetchedAt))
      : new Date(spend.fetchedAt).toISOString(),
  };
}
