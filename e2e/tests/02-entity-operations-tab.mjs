import { join } from 'node:path';

/** An environment's entity page has an Operations tab with the environment card. */
export default async function test({ page, artifacts, open }) {
  await open('/catalog/default/resource/prod');
  await page.getByText('Operations', { exact: true }).first().click();
  await page.waitForURL(/\/operations/);
  await page.getByText('prod-gpu-workers').first().waitFor({ timeout: 60_000 });
  await page.getByText('410987654321').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'entity-operations-prod.png'), fullPage: true });
}
