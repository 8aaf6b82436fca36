import { join } from 'node:path';
import { backendGet, guestToken } from '../backendApi.mjs';

/**
 * An environment that no catalog file declares (ml-sandbox, tagged in the simulated account
 * 510987654321) is brought into the catalog by discovery (Resource Groups Tagging API), with
 * its Operations tab working on its fleet and queue.
 */
export default async function test({ page, baseUrl, artifacts, open }) {
  // Discovery runs 5 s after start and every 30 s; the catalog then processes the entities.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await backendGet(`${baseUrl}/api/catalog/entities/by-name/resource/default/ml-sandbox`, {
      headers: { authorization: `Bearer ${await guestToken(baseUrl)}` },
    });
    if (res.ok) break;
    if (Date.now() > deadline) throw new Error(`ml-sandbox did not reach the catalog (last status ${res.status})`);
    await new Promise(r => setTimeout(r, 2_000));
  }
  await open('/catalog/default/resource/ml-sandbox');
  await page.getByText('discovered', { exact: true }).first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(artifacts, 'discovered-environment-overview.png'), fullPage: true });
  await page.getByText('Operations', { exact: true }).first().click();
  await page.waitForURL(/\/operations/);
  await page.getByText('ml-sandbox-gpu-workers').first().waitFor({ timeout: 60_000 });
  await page.getByText('510987654321').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'discovered-environment-operations.png'), fullPage: true });
}
