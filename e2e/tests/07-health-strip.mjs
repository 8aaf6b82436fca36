import { join } from 'node:path';

/**
 * The landing tab of Platform Ops opens on the health strip: one tile per environment, worst
 * first, with the DLQ alarms that fire and for how long, each row linking to its queue.
 */
export default async function test({ page, artifacts, open }) {
  await open('/platform-ops');
  const strip = page.getByTestId('health-strip');
  await strip.waitFor({ timeout: 60_000 });
  for (const env of ['dev', 'staging', 'prod']) {
    await strip.getByTestId(`health-${env}`).waitFor({ timeout: 30_000 });
  }
  // The simulated account seeds failed jobs in every DLQ: its "not empty" alarm fires.
  const firing = strip.locator('[data-testid^="health-row-alarm:"][data-testid$="-dlq-not-empty"]');
  await firing.first().waitFor({ timeout: 90_000 });
  const rows = await firing.allTextContents();
  if (rows.length < 1) throw new Error('no firing DLQ alarm in the health strip');
  for (const text of rows) {
    if (!/ALARM: DLQ messages waiting > 5 · for \d+ (s|min|h|d)/.test(text)) {
      throw new Error(`a DLQ alarm row lacks its state or age: "${text}"`);
    }
  }
  const link = firing.first().getByRole('link').first();
  const href = await link.getAttribute('href');
  if (!/\/catalog\/default\/resource\/[a-z]+-jobs-queue$/.test(href ?? '')) {
    throw new Error(`the alarm row should link to its queue entity, links to ${href}`);
  }
  console.log(`    health strip: ${rows.length} firing DLQ alarm(s): ${rows.join(' | ')}`);
  await page.screenshot({ path: join(artifacts, 'health-strip-landing.png'), fullPage: true });
}
