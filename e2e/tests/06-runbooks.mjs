import { join } from 'node:path';

/**
 * An owner runs the RDS Multi-AZ failover from the prod database's entity card against the
 * simulated account: preflight and plan first (the exact RDS.RebootDBInstance input), the
 * environment's name typed to confirm, then live progress until the measured RTO shows.
 */
export default async function test({ page, artifacts, open }) {
  await open('/catalog/default/resource/prod-postgres/operations');
  await page.getByText('DR runbooks').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'RDS Multi-AZ failover' }).click();

  const dialog = page.getByRole('dialog');
  await dialog.getByText('RDS.RebootDBInstance').first().waitFor({ timeout: 30_000 });
  await dialog.getByText('"ForceFailover": true').first().waitFor();
  await dialog.getByText('Multi-AZ is on and the instance is available').first().waitFor();
  await dialog.getByLabel('Reason').fill('e2e: AZ us-east-1a impaired');
  const start = dialog.getByRole('button', { name: 'Start runbook' });
  if (await start.isEnabled()) throw new Error('Start must stay disabled until "prod" is typed');
  await dialog.getByLabel('Type "prod" to confirm').fill('prod');
  await page.screenshot({ path: join(artifacts, 'runbook-rds-plan.png'), fullPage: true });
  await start.click();

  const progress = page.getByTestId('execution-progress');
  await progress.getByText('RTO clock').first().waitFor({ timeout: 30_000 });
  // The simulated Multi-AZ failover takes AWS's 60-120 s.
  await progress.getByText(/Measured RTO: \d+m? ?\d*s? of 5m 0s target/).waitFor({ timeout: 240_000 });
  await progress.getByText('succeeded').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'runbook-rds-done.png'), fullPage: true });
}
