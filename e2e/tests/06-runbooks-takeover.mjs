import { join } from 'node:path';

/**
 * How the execution view tells a takeover by another backend replica: a real run (staging's
 * RDS failover against the simulated account), whose execution answers get one takeover
 * added on the way to the browser. The e2e backend is a single process on an in-memory
 * database, so a real takeover cannot happen here; the engine and chaos tests produce real
 * ones and assert the API's shape, this test checks what a user reads and where.
 */
const TAKEOVER = {
  at: '2026-11-20T14:02:10.000Z',
  replica: 'backend-b-7d9f',
  previousReplica: 'backend-a-51c2',
  leaseExpiredAt: '2026-11-20T14:01:55.000Z',
  interruptedSteps: [{ stepId: 'force-failover', title: 'Reboot staging-postgres with forced failover' }],
};

export default async function test({ page, artifacts, open }) {
  await page.route(/\/api\/platform-ops\/runbooks\/executions\/[0-9a-f-]{36}$/, async route => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, takeovers: [TAKEOVER] } });
  });
  await open('/catalog/default/resource/staging-postgres/operations');
  await page.getByText('DR runbooks').first().waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'RDS Multi-AZ failover' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('RDS.RebootDBInstance').first().waitFor({ timeout: 30_000 });
  await dialog.getByLabel('Reason').fill('e2e: takeover line');
  await dialog.getByRole('button', { name: 'Start runbook' }).click();

  const progress = page.getByTestId('execution-progress');
  const line = progress.getByTestId('takeovers').getByRole('alert');
  await line.waitFor({ timeout: 30_000 });
  const text = await line.innerText();
  const expected =
    "Resumed by replica backend-b-7d9f at 14:02 UTC: the previous replica (backend-a-51c2) stopped renewing its hold on the run, which expired at 14:01 UTC during 'Reboot staging-postgres with forced failover'; AWS state was read before continuing, so a call that already took effect is not sent again.";
  if (text.trim() !== expected) throw new Error(`takeover line reads: ${text}`);
  // Above the steps, where the operator looks while the run goes on.
  const lineBox = await line.boundingBox();
  const stepBox = await progress.getByTestId('step-force-failover').boundingBox();
  if (!lineBox || !stepBox || lineBox.y >= stepBox.y) throw new Error('the takeover line must sit above the steps');
  await page.screenshot({ path: join(artifacts, 'runbook-takeover.png'), fullPage: true });
}
