import { join } from 'node:path';

/** The Platform Ops page lists the three example environments, live from the backend. */
export default async function test({ page, artifacts, open }) {
  await open('/platform-ops');
  for (const env of ['dev', 'staging', 'prod']) {
    await page.getByTestId(`environment-${env}`).waitFor({ timeout: 60_000 });
  }
  await page.getByText('prod-gpu-workers').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'platform-ops-environments.png'), fullPage: true });
}
