import { join } from 'node:path';

/**
 * The Costs tab shows budget, forecast, spend, cost per job and anomalies of the example
 * platform from the simulated account, each panel with the age of its data; the system's
 * entity page has the cost card.
 */
export default async function test({ page, artifacts, open }) {
  await open('/platform-ops/costs');
  await page.getByText(/month-to-date, [A-Z][a-z]{2} \d{4}/).first().waitFor({ timeout: 90_000 });
  await page.getByText(/^Daily spend by service: USD [\d,]+\.\d\d/).waitFor({ timeout: 60_000 });
  await page.getByText(/^Monthly spend by environment: USD [\d,]+\.\d\d/).waitFor({ timeout: 60_000 });
  await page.getByText(/Cost per processed job/).first().waitFor({ timeout: 60_000 });
  await page.getByText(/Spot savings/).first().waitFor();
  await page.getByText(/^updated (just now|\d+ min ago)$/).first().waitFor();
  await page.screenshot({ path: join(artifacts, 'platform-ops-costs.png'), fullPage: true });

  await open('/catalog/default/system/video-platform');
  await page.getByText('Operations', { exact: true }).first().click();
  await page.waitForURL(/\/operations/);
  await page.getByText(/month-to-date, [A-Z][a-z]{2} \d{4}/).first().waitFor({ timeout: 90_000 });
  await page.getByText('Largest services month-to-date').waitFor();
  await page.screenshot({ path: join(artifacts, 'entity-costs-video-platform.png'), fullPage: true });
}
