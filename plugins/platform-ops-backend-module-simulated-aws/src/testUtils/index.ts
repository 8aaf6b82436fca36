/**
 * Test helpers: the simulated account seeded from this repository's example catalog, on a
 * clock the test drives.
 *
 * @packageDocumentation
 */
export { testAccount, errorOf, DEV, STAGING, PROD, PAYER, MINUTE } from './testAccount';
export { ManualClock } from '../ServiceModel';
export { KnexWorldLog } from '../shared/KnexWorldLog';
