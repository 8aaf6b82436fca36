import { join } from 'node:path';

/**
 * An owner scales a GPU fleet from its entity card: dry-run first (the dialog lists the exact
 * AutoScaling.SetDesiredCapacity input), then confirm; the card shows the new desired capacity.
 */
export default async function test({ page, artifacts, open }) {
  await open('/catalog/default/resource/staging-gpu-fleet/operations');
  await page.getByText('Desired Min Max').first().waitFor({ timeout: 60_000 });
  const before = await page.getByText(/^\d+ \/ 2 \/ 4$/).first().textContent();
  const target = before.startsWith('3 ') ? 4 : 3;

  await page.getByRole('button', { name: 'Set desired' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Desired capacity').fill(String(target));
  await dialog.getByLabel(/Reason/).fill('e2e: render backlog from the launch campaign');
  await dialog.getByRole('button', { name: 'Preview (dry-run)' }).click();
  await dialog.getByText('AutoScaling.SetDesiredCapacity').first().waitFor({ timeout: 30_000 });
  await dialog.getByText(`"DesiredCapacity": ${target}`).first().waitFor();
  await page.screenshot({ path: join(artifacts, 'fleet-scale-dry-run.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Confirm and apply' }).click();

  await page.getByText(`${target} / 2 / 4`).first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(artifacts, 'fleet-scaled.png'), fullPage: true });
}
