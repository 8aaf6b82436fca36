import { join } from 'node:path';
import { backendGet, guestToken } from '../backendApi.mjs';

/**
 * The landing tab of Platform Ops opens on the health strip: one tile per environment, worst
 * first, with the DLQ alarms that fire and for how long, each row linking to its queue.
 */
export default async function test({ page, baseUrl, artifacts, open }) {
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

  // A fleet given a new size converges for a while: its row says since when (from its
  // scaling activities, which the fleet list reads for converging groups only).
  const token = await guestToken(baseUrl);
  const api = (path, init = {}) =>
    backendGet(`${baseUrl}/api/platform-ops${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const fleetRef = 'resource:default/staging-gpu-fleet';
  const fleet = await (await api(`/fleets/by-entity?entityRef=${fleetRef}`)).json();
  const desiredCapacity = fleet.desiredCapacity === fleet.maxSize ? fleet.minSize : fleet.desiredCapacity + 1;
  const scaled = await api('/fleets/desired-capacity', {
    method: 'POST',
    body: JSON.stringify({ entityRef: fleetRef, desiredCapacity, reason: 'e2e: health strip shows since when a fleet converges' }),
  });
  if (!scaled.ok) throw new Error(`scaling ${fleetRef} failed: ${scaled.status} ${await scaled.text()}`);
  await open('/platform-ops');
  const fleetRow = page.getByTestId(`health-row-fleet:${fleetRef}`);
  await fleetRow.filter({ hasText: /converging, \d+ of \d+ in service .* · for \d+ (s|min)/ }).waitFor({ timeout: 60_000 });
  console.log(`    health strip: ${await fleetRow.textContent()}`);
  await page.screenshot({ path: join(artifacts, 'health-strip-converging.png'), fullPage: true });

  // The Queues tab keeps a row per queue on one line: alarms are one-line chips, not names
  // broken one character per line (three rows took 1,800 px before).
  await open('/platform-ops/queues');
  const rowsOfQueues = page.locator('table tbody tr').filter({ hasText: 'video-jobs' });
  await rowsOfQueues.first().waitFor({ timeout: 60_000 });
  await page.getByText(/ALARM \d+ (s|min|h|d) · DLQ > 5/).first().waitFor({ timeout: 30_000 });
  // Nothing is cut off at the right edge: the table fits the 1440 px window.
  const overflow = await page.locator('table').first().evaluate(t => t.getBoundingClientRect().right - document.documentElement.clientWidth);
  if (overflow > 0) throw new Error(`the queues table overflows the window by ${overflow} px`);
  for (const box of await rowsOfQueues.evaluateAll(rows => rows.map(r => r.getBoundingClientRect().height))) {
    if (box > 160) throw new Error(`a queue row is ${box} px high; it should stay compact`);
  }
  await page.screenshot({ path: join(artifacts, 'queues-table.png'), fullPage: true });
}
