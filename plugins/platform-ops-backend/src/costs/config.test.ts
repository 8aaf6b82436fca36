import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { readCostsConfig } from './config';
import { refreshMarginMs } from './refreshTask';

describe('platformOps.costs config', () => {
  it('defaults: environment tag, 6 h TTL, hourly refresh, seed 003 budget, seed 004 GPU prices', () => {
    const c = readCostsConfig(new ConfigReader({}));
    expect(c.accountId).toBeUndefined();
    expect(c.tagKey).toBe('environment');
    expect(c.costCategory).toBeUndefined();
    expect(c.cacheTtlMs).toBe(6 * 3_600_000);
    expect(refreshMarginMs(c.refresh.frequency)).toBe(3_600_000);
    expect(c.defaultBudget).toEqual({
      amount: 60,
      currency: 'USD',
      alertThresholdPercent: 80,
    });
    expect(c.increaseThresholdPercent).toBe(20);
    expect(c.onDemandHourlyPrices['g4dn.xlarge']).toBe(0.526);
    expect(c.onDemandHourlyPrices['g5.2xlarge']).toBe(1.212);
  });

  it("reads the repository's app-config.yaml", () => {
    const appConfig = parse(
      readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
    );
    const c = readCostsConfig(new ConfigReader(appConfig));
    // No payer here: the simulated account names its own, and the production config layered
    // over this file must not inherit a demo account.
    expect(c.accountId).toBeUndefined();
    expect(c.budgets.prod).toEqual({
      amount: 2600,
      currency: 'USD',
      alertThresholdPercent: 80,
    });
  });

  it('reads a refresh schedule and extra prices', () => {
    const c = readCostsConfig(
      new ConfigReader({
        platformOps: {
          costs: {
            cacheTtlMinutes: 120,
            refresh: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
            onDemandHourlyPrices: { 'g6.xlarge': 0.805 },
          },
        },
      }),
    );
    expect(c.cacheTtlMs).toBe(7_200_000);
    expect(refreshMarginMs(c.refresh.frequency)).toBe(1_800_000);
    expect(c.onDemandHourlyPrices).toMatchObject({
      'g6.xlarge': 0.805,
      'g4dn.xlarge': 0.526,
    });
  });

  it('stops start-up naming the wrong field', () => {
    expect(() =>
      readCostsConfig(
        new ConfigReader({
          platformOps: {
            costs: { accountId: '12', budgets: { prod: { amount: -5 } } },
          },
        }),
      ),
    ).toThrow(
      /Invalid platformOps.costs config: accountId: must be a 12-digit AWS account id; budgets.prod.amount: must be a positive amount/,
    );
  });
});
