import { join } from 'node:path';

/**
 * The Operations tab of a GPU fleet, a queue, a database and an ECS component shows state,
 * not only buttons: convergence with the age of the data, alarms with since when, where the
 * database / ECS service lives and its last DR runbook.
 */
export default async function test({ page, artifacts, open }) {
  // GPU fleet: converged or converging, the counts, and when AWS was read.
  await open('/catalog/default/resource/prod-gpu-fleet/operations');
  await page.getByText(/^(Converged|Converging): \d+ in service of \d+ desired/).first().waitFor({ timeout: 60_000 });
  await page.getByTestId('updated-ago').first().getByText(/^Updated \d+ (s|min) ago · refreshes every 5 s$/).waitFor();
  await page.getByRole('button', { name: 'Set desired' }).first().waitFor();
  if (!(await page.getByRole('button', { name: 'Set desired' }).first().isEnabled())) {
    throw new Error('the guest owns prod-gpu-fleet through platform-team: Set desired must be enabled');
  }
  await page.getByText('waiting messages per in-service instance').first().waitFor();
  await page.screenshot({ path: join(artifacts, 'ops-state-gpu-fleet.png'), fullPage: true });

  // Queue: every alarm with its state and since when, charts with their time range in UTC.
  await open('/catalog/default/resource/prod-jobs-queue/operations');
  const dlqAlarm = page.getByTestId('alarm-prod-video-jobs-dlq-not-empty');
  await dlqAlarm.waitFor({ timeout: 60_000 });
  const alarmText = await dlqAlarm.textContent();
  if (!/^(ALARM|OK|INSUFFICIENT_DATA) since (\d+ \w+ )?\d\d:\d\d UTC \(\d+ (s|min|h|d)\)/.test(alarmText ?? '')) {
    throw new Error(`DLQ alarm without state and since-when: "${alarmText}"`);
  }
  await page.getByText(/Last hour, 1-minute points, \d\d:\d\d-\d\d:\d\d UTC/).first().waitFor();
  await page.screenshot({ path: join(artifacts, 'ops-state-queue.png'), fullPage: true });

  // Database: its live primary and standby AZ (after 06's failover: the new primary), where
  // it lives, and its last DR runbook.
  await open('/catalog/default/resource/prod-postgres/operations');
  await page.getByText('account 410987654321, us-east-1').first().waitFor({ timeout: 60_000 });
  await page.getByText('Primary AZ', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByText('Standby AZ', { exact: true }).waitFor();
  await page.getByText(/^us-east-1[a-f]$/).first().waitFor();
  await page.getByText('Open in the AWS console').first().waitFor();
  const last = page.getByTestId('last-runbook');
  if (await last.count()) {
    const text = await last.textContent();
    if (!/^rds-multi-az-failover (succeeded|failed|running|queued|cancelled)/.test(text ?? '')) {
      throw new Error(`unexpected last runbook line: "${text}"`);
    }
  } else {
    await page.getByText('none yet').first().waitFor();
  }
  await page.screenshot({ path: join(artifacts, 'ops-state-database.png'), fullPage: true });

  // ECS component: the service it runs as, its tasks and task definition.
  await open('/catalog/default/component/gpu-worker/operations');
  await page.getByText('prod-cluster/prod-worker').first().waitFor({ timeout: 60_000 });
  await page.getByText('ECS service').first().waitFor();
  await page.getByText(/^\d+ running of \d+ desired \(\d+ pending\)$/).waitFor({ timeout: 30_000 });
  await page.getByText('Task Definition', { exact: true }).waitFor();
  await page.screenshot({ path: join(artifacts, 'ops-state-ecs.png'), fullPage: true });
}
