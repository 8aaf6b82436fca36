import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnomalyReport,
  AwsLocation,
  BudgetStatus,
  CostGroupBy,
  Inventory,
  SpendReport,
  UnitEconomicsReport,
} from '@platformops/plugin-platform-ops-common';
import { InventoryService } from '../inventory/InventoryService';
import { getAnomalies } from './anomalies';
import { getBudgetStatus } from './budget';
import { CostsConfig } from './config';
import { CostContext } from './context';
import { CostDataCache } from './CostDataCache';
import { checkPeriod } from './dates';
import { DEFAULT_UNIT_ECONOMICS_DAYS, defaultPeriod } from './defaults';
import { CostScope, platformScope, resolveScope } from './scope';
import { getSpend } from './spend';
import { getUnitEconomics } from './unitEconomics';

export interface ScopeQuery {
  environment?: string;
  entityRef?: string;
}

/** Cost Explorer and Budgets are global APIs served from us-east-1. */
const COST_REGION = 'us-east-1';

/**
 * The cost views of the platform, an environment or a system. Every answer comes through
 * the cost cache, so serving a view costs at most one Cost Explorer request per query per
 * TTL whatever the number of viewers.
 */
export class CostService {
  constructor(
    private readonly options: {
      inventory: InventoryService;
      cache: CostDataCache;
      config: CostsConfig;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  /**
   * Cost Explorer must be asked in the payer (management) account to see every linked
   * account's spend: `platformOps.costs.accountId`, else the prod environment's account
   * (the example platform has no separate payer), else the first environment's.
   */
  payerLocation(inventory: Inventory): AwsLocation {
    const accountId =
      this.options.config.accountId ??
      (
        inventory.environments.find(e => e.tier === 'prod') ??
        inventory.environments[0]
      )?.location.accountId;
    if (!accountId) {
      throw new Error(
        'No account to call Cost Explorer in: set platformOps.costs.accountId or declare an environment in the catalog',
      );
    }
    return { accountId, region: COST_REGION };
  }

  private async prepare(
    query: ScopeQuery,
    minRemainingMs?: number,
  ): Promise<{ ctx: CostContext; scope: CostScope }> {
    const inventory = await this.options.inventory.getInventory();
    const scope = resolveScope(inventory, query);
    return {
      scope,
      ctx: {
        cache: this.options.cache,
        config: this.options.config,
        now: () => this.now(),
        payer: this.payerLocation(inventory),
        minRemainingMs,
      },
    };
  }

  async spend(
    query: ScopeQuery & {
      granularity: 'DAILY' | 'MONTHLY';
      groupBy: CostGroupBy;
      start?: string;
      end?: string;
    },
  ): Promise<SpendReport> {
    const fallback = defaultPeriod(query.granularity, this.now());
    // Checked before the inventory is read: a bad period never reaches AWS.
    const period = checkPeriod(
      {
        start: query.start ?? fallback.start,
        end: query.end ?? fallback.end,
        granularity: query.granularity,
      },
      this.now(),
    );
    const { ctx, scope } = await this.prepare(query);
    return getSpend(ctx, scope, period, query.groupBy);
  }

  async budget(query: ScopeQuery): Promise<BudgetStatus> {
    const { ctx, scope } = await this.prepare(query);
    return getBudgetStatus(ctx, scope);
  }

  async anomalies(query: ScopeQuery): Promise<AnomalyReport> {
    const { ctx, scope } = await this.prepare(query);
    return getAnomalies(ctx, scope);
  }

  async unitEconomics(
    query: ScopeQuery & { days?: number },
  ): Promise<UnitEconomicsReport> {
    const { ctx, scope } = await this.prepare(query);
    return getUnitEconomics(
      ctx,
      scope,
      query.days ?? DEFAULT_UNIT_ECONOMICS_DAYS,
    );
  }

  /**
   * The scheduled refresh: renews the dashboard's and entity cards' default queries whose
   * cached answer would expire before the next run, so viewers read the database and the
   * call count stays one per query per TTL. Returns how many scopes were refreshed.
   */
  async refreshDefaults(minRemainingMs: number): Promise<number> {
    const inventory = await this.options.inventory.getInventory();
    const systems = [
      ...new Set(
        inventory.environments.flatMap(e => (e.system ? [e.system] : [])),
      ),
    ];
    const scopes: ScopeQuery[] = [
      {},
      ...inventory.environments.map(e => ({ environment: e.name })),
      ...systems.map(s => ({ entityRef: `system:default/${s}` })),
    ];
    const now = this.now();
    let refreshed = 0;
    for (const query of scopes) {
      try {
        const { ctx, scope } = await this.prepare(query, minRemainingMs);
        await getBudgetStatus(ctx, scope);
        await getSpend(ctx, scope, defaultPeriod('DAILY', now), 'SERVICE');
        if (scope.info.kind === 'platform') {
          await getSpend(
            ctx,
            platformScope(inventory),
            defaultPeriod('MONTHLY', now),
            'ENVIRONMENT',
          );
        }
        await getAnomalies(ctx, scope);
        if (
          scope.environments.some(e =>
            e.resources.some(r => r.kind === 'gpu-fleet'),
          )
        ) {
          await getUnitEconomics(ctx, scope, DEFAULT_UNIT_ECONOMICS_DAYS);
        }
        refreshed++;
      } catch (error) {
        // One scope's refusal (e.g. AccessDenied) must not stop the others' refresh.
        this.options.logger.warn(
          `Cost refresh of ${JSON.stringify(query)} failed: ${
            (error as Error).message
          }`,
        );
      }
    }
    return refreshed;
  }
}
