import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsServiceName } from '@platformops/plugin-platform-ops-backend';
import { buildInventory, exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import { drServiceModels } from '../drModels';
import { ManualClock } from '../ServiceModel';
import { SimulatedAccount } from '../SimulatedAccount';
import { WorldLog } from '../shared/WorldLog';
import { terraformDirectoriesSource } from '../terraform/directorySource';

export const DEV: AwsLocation = { accountId: '210987654321', region: 'us-east-1' };
export const STAGING: AwsLocation = { accountId: '310987654321', region: 'us-east-1' };
export const PROD: AwsLocation = { accountId: '410987654321', region: 'us-east-1' };
/** An organisation's management account: sees every member account's bill. */
export const PAYER: AwsLocation = { accountId: '999999999999', region: 'us-east-1' };

export const MINUTE = 60_000;

/**
 * The simulated account seeded from the example catalog, on a clock the test drives. Several
 * "replicas" of one world: give each the same `log` (e.g. a KnexWorldLog on one database)
 * and the same `clock` (the wall time they share).
 */
export function testAccount(
  options: {
    backfillHours?: number;
    seed?: number;
    start?: string;
    log?: WorldLog;
    clock?: ManualClock;
    /** Synthesized Terraform to apply (platformOps.aws.simulation.terraformDirs), as the embedded default does. */
    terraformDirs?: string[];
  } = {},
) {
  const clock = options.clock ?? new ManualClock(options.start ?? '2026-11-20T12:00:00Z');
  const account = new SimulatedAccount({
    inventory: async () => buildInventory(exampleCatalogEntities()),
    clock,
    seed: options.seed,
    backfillHours: options.backfillHours ?? 1,
    extraModels: drServiceModels,
    log: options.log,
    terraform: options.terraformDirs ? terraformDirectoriesSource({ roots: options.terraformDirs }) : undefined,
  });
  const call = <T = Record<string, any>>(
    service: AwsServiceName,
    operation: string,
    input: Record<string, unknown>,
    location: AwsLocation = PROD,
  ) => account.handle({ service, operation, input, location }) as Promise<T>;
  return { account, clock, call };
}

/** The thrown error of a promise (fails the test if it resolves). */
export async function errorOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}
