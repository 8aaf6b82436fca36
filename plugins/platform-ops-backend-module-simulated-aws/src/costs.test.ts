import { DEV, PAYER, PROD, STAGING, errorOf, testAccount } from './testUtils/testAccount';

// Two days of simulated history: 2026-11-19 is a complete simulated day.
const setup = () => testAccount({ backfillHours: 48, start: '2026-11-20T12:00:00Z' });
const YESTERDAY = { Start: '2026-11-19', End: '2026-11-20' };
const amount = (m: { Amount: string }) => Number(m.Amount);

describe('simulated Cost Explorer and Budgets', () => {
  it('bills the GPU line as instance-hours x the seed 004 price: dev runs one on-demand g4dn.xlarge all day', async () => {
    const { call } = setup();
    const out = await call('costExplorer', 'GetCostAndUsage', {
      TimePeriod: YESTERDAY,
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      Filter: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } },
      GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }, { Type: 'DIMENSION', Key: 'PURCHASE_TYPE' }],
    }, DEV);
    const [day] = out.ResultsByTime;
    expect(day.TimePeriod).toEqual(YESTERDAY);
    expect(day.Groups).toHaveLength(1);
    expect(day.Groups[0].Keys).toEqual(['g4dn.xlarge', 'On Demand Instances']);
    expect(amount(day.Groups[0].Metrics.UsageQuantity)).toBeCloseTo(24, 6);
    expect(amount(day.Groups[0].Metrics.UnblendedCost)).toBeCloseTo(24 * 0.526, 6);
    expect(day.Groups[0].Metrics.UnblendedCost.Unit).toBe('USD');
  });

  it('prices spot hours at the ~70 % discount', async () => {
    const { call } = setup();
    const out = await call('costExplorer', 'GetCostAndUsage', {
      TimePeriod: YESTERDAY,
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost', 'UsageQuantity'],
      Filter: { And: [
        { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } },
        { Dimensions: { Key: 'PURCHASE_TYPE', Values: ['Spot Instances'] } },
      ] },
      GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }],
    }, PROD);
    const onDemandPrice: Record<string, number> = { 'g4dn.xlarge': 0.526, 'g4dn.2xlarge': 0.752, 'g5.xlarge': 1.006 };
    const groups = out.ResultsByTime[0].Groups;
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      const hours = amount(g.Metrics.UsageQuantity);
      expect(amount(g.Metrics.UnblendedCost)).toBeCloseTo(hours * onDemandPrice[g.Keys[0]] * 0.3, 6);
    }
  });

  it('groups costs by the environment tag: dev < staging < prod, seen from the management account', async () => {
    const { call } = setup();
    const out = await call('costExplorer', 'GetCostAndUsage', {
      TimePeriod: YESTERDAY,
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'TAG', Key: 'environment' }],
    }, PAYER);
    const byTag = Object.fromEntries(out.ResultsByTime[0].Groups.map((g: any) => [g.Keys[0], amount(g.Metrics.UnblendedCost)]));
    expect(Object.keys(byTag).sort()).toEqual(['environment$dev', 'environment$prod', 'environment$staging']);
    expect(byTag.environment$dev).toBeLessThan(byTag.environment$staging);
    expect(byTag.environment$staging).toBeLessThan(byTag.environment$prod);
    // A member account sees only its own bill.
    const prodOnly = await call('costExplorer', 'GetCostAndUsage', {
      TimePeriod: YESTERDAY, Granularity: 'DAILY', Metrics: ['UnblendedCost'], GroupBy: [{ Type: 'TAG', Key: 'environment' }],
    }, PROD);
    expect(prodOnly.ResultsByTime[0].Groups.map((g: any) => g.Keys[0])).toEqual(['environment$prod']);
    expect(amount(prodOnly.ResultsByTime[0].Groups[0].Metrics.UnblendedCost)).toBeCloseTo(byTag.environment$prod, 6);
  });

  it('keeps ~13 months of history in calendar-month buckets, with usage growing over time', async () => {
    const { call } = setup();
    const out = await call('costExplorer', 'GetCostAndUsage', {
      TimePeriod: { Start: '2025-11-01', End: '2026-11-21' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
    }, PROD);
    const months = out.ResultsByTime;
    expect(months).toHaveLength(13);
    expect(months[0].TimePeriod).toEqual({ Start: '2025-11-01', End: '2025-12-01' });
    expect(months[12].TimePeriod).toEqual({ Start: '2026-11-01', End: '2026-11-21' });
    expect(months[12].Estimated).toBe(true);
    expect(months[0].Estimated).toBe(false);
    const totals = months.map((m: any) => amount(m.Total.UnblendedCost));
    // A 30-day month of prod in its seed range (~$2,600-4,000), and older months cheaper.
    expect(totals[10]).toBeGreaterThan(2600);
    expect(totals[10]).toBeLessThan(4000);
    expect(totals[1]).toBeLessThan(totals[10]);
    const tooOld = await errorOf(call('costExplorer', 'GetCostAndUsage', { TimePeriod: { Start: '2024-01-01', End: '2024-02-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] }, PROD));
    expect(tooOld.name).toBe('ValidationException');
  });

  it('refuses bad requests with ValidationException', async () => {
    const { call } = setup();
    const base = { TimePeriod: YESTERDAY, Granularity: 'DAILY', Metrics: ['UnblendedCost'] };
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...base, GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'TAG', Key: 'a' }, { Type: 'TAG', Key: 'b' }] }, /at most 2/],
      [{ ...base, TimePeriod: { Start: '2026-11-19', End: '2026-11-19' } }, /before end date/],
      [{ ...base, TimePeriod: { Start: '19/11/2026', End: '2026-11-20' } }, /TimePeriod.Start/],
      [{ ...base, Metrics: ['Cost'] }, /Invalid metric: Cost/],
      [{ ...base, Granularity: 'HOURLY' }, /Hourly/],
      [{ ...base, Filter: { Dimensions: { Key: 'SERVICE', Values: ['x'] }, Tags: { Key: 'environment', Values: ['prod'] } } }, /exactly one/],
    ];
    for (const [input, message] of cases) {
      const error = await errorOf(call('costExplorer', 'GetCostAndUsage', input, PROD));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toMatch(message);
    }
  });

  it('forecasts the rest of the month linearly with a prediction interval', async () => {
    const { call } = setup();
    const out = await call('costExplorer', 'GetCostForecast', {
      TimePeriod: { Start: '2026-11-20', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'DAILY',
      Filter: { Tags: { Key: 'environment', Values: ['prod'] } },
    }, PROD);
    expect(out.ForecastResultsByTime).toHaveLength(11);
    const daily = out.ForecastResultsByTime.map((r: any) => Number(r.MeanValue));
    for (const r of out.ForecastResultsByTime) {
      expect(Number(r.PredictionIntervalLowerBound)).toBeLessThanOrEqual(Number(r.MeanValue));
      expect(Number(r.PredictionIntervalUpperBound)).toBeGreaterThanOrEqual(Number(r.MeanValue));
    }
    // About a prod day's cost (~$100-130/day from the seeds), summed in Total.
    expect(daily[0]).toBeGreaterThan(80);
    expect(daily[0]).toBeLessThan(160);
    expect(Number(out.Total.Amount)).toBeCloseTo(daily.reduce((a: number, b: number) => a + b, 0), 2);
    const past = await errorOf(call('costExplorer', 'GetCostForecast', { TimePeriod: { Start: '2026-11-01', End: '2026-12-01' }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY' }, PROD));
    expect(past.name).toBe('ValidationException');
  });

  it('reports anomalies when a day jumps above its trailing week, with impact and root cause', async () => {
    const { call } = setup();
    const out = await call('costExplorer', 'GetAnomalies', { DateInterval: { StartDate: '2026-10-01', EndDate: '2026-11-19' } }, PROD);
    expect(out.Anomalies.length).toBeGreaterThan(0);
    const [a] = out.Anomalies;
    expect(a.DimensionValue).toBe('Amazon Elastic Compute Cloud - Compute');
    expect(a.RootCauses[0]).toMatchObject({ LinkedAccount: '410987654321', Region: 'us-east-1', Service: 'Amazon Elastic Compute Cloud - Compute' });
    expect(a.Impact.TotalImpactPercentage).toBeGreaterThan(20);
    expect(a.Impact.TotalActualSpend - a.Impact.TotalExpectedSpend).toBeCloseTo(a.Impact.TotalImpact, 6);
    const big = await call('costExplorer', 'GetAnomalies', {
      DateInterval: { StartDate: '2026-10-01', EndDate: '2026-11-19' },
      TotalImpact: { NumericOperator: 'GREATER_THAN', StartValue: 1_000_000 },
    }, PROD);
    expect(big.Anomalies).toEqual([]);
  });

  it('describes one monthly budget per environment with actual and forecasted spend', async () => {
    const { call } = setup();
    const prod = await call('budgets', 'DescribeBudgets', { AccountId: PROD.accountId }, PROD);
    expect(prod.Budgets).toHaveLength(1);
    const [b] = prod.Budgets;
    expect(b).toMatchObject({
      BudgetName: 'prod-monthly-cost',
      BudgetLimit: { Amount: '4000.00', Unit: 'USD' },
      TimeUnit: 'MONTHLY',
      BudgetType: 'COST',
      CostFilters: { TagKeyValue: ['user:environment$prod'] },
    });
    const actual = Number(b.CalculatedSpend.ActualSpend.Amount);
    const forecast = Number(b.CalculatedSpend.ForecastedSpend.Amount);
    // Month to date on the 20th: about 19.5 days of a ~$3,500 month.
    expect(actual).toBeGreaterThan(1500);
    expect(forecast).toBeGreaterThan(actual);
    const mtd = await call('costExplorer', 'GetCostAndUsage', {
      TimePeriod: { Start: '2026-11-01', End: '2026-11-21' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'],
      Filter: { Tags: { Key: 'environment', Values: ['prod'] } },
    }, PROD);
    expect(actual).toBeCloseTo(amount(mtd.ResultsByTime[0].Total.UnblendedCost), 1);

    const all = await call('budgets', 'DescribeBudgets', { AccountId: PAYER.accountId }, PAYER);
    const limits = Object.fromEntries(all.Budgets.map((x: any) => [x.BudgetName, x.BudgetLimit.Amount]));
    expect(limits).toEqual({ 'dev-monthly-cost': '335.00', 'staging-monthly-cost': '1200.00', 'prod-monthly-cost': '4000.00' });
    const other = await errorOf(call('budgets', 'DescribeBudgets', { AccountId: STAGING.accountId }, PROD));
    expect(other.name).toBe('InvalidParameterException');
    const missing = await errorOf(call('budgets', 'DescribeBudget', { AccountId: PROD.accountId, BudgetName: 'nope' }, PROD));
    expect(missing.name).toBe('NotFoundException');
  });
});
