import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendGet, guestToken } from '../backendApi.mjs';

/** platformOps.scaffolder.localPublishDir of app-config.yaml (relative to packages/backend). */
const publishDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../.platform-ops/environments');

/**
 * The environment lifecycle end to end: a prod environment is created from the environment
 * template in the scaffolder, published to a local git repository, picked up by the catalog,
 * applied to the simulated account from its synthesized Terraform while the backend runs (no
 * restart), and failed over to its DR region by the region-failover drill started from its
 * entity page, which succeeds with a measured RTO (CloudFront step included: the distribution
 * is found by the tags its entity declares).
 */
export default async function test(context) {
  // A name no earlier run used: the published repositories outlive the backend.
  const name = `e2e-${Date.now().toString(36)}`;
  try {
    await run(context, name);
  } finally {
    // Its local repository goes, so later runs' catalogs do not carry it.
    rmSync(join(publishDir, name), { recursive: true, force: true });
  }
}

async function run({ page, baseUrl, artifacts, open }, name) {
  const token = await guestToken(baseUrl);
  const api = (path, init = {}) =>
    backendGet(`${baseUrl}/api${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });

  // The simulated account is running before the environment exists: it must take it in live.
  // (It starts once the catalog has processed its locations.)
  const up = Date.now() + 120_000;
  let before;
  for (;;) {
    const res = await api('/platform-ops/simulator/state');
    before = res.ok ? await res.json() : undefined;
    if (before?.terraform?.length) break;
    if (Date.now() > up) throw new Error(`the simulated account did not start: ${res.status} ${JSON.stringify(before ?? {})}`);
    await new Promise(r => setTimeout(r, 2_000));
  }
  if (before.terraform.some(t => t.environment === name)) throw new Error(`the simulated account already holds ${name}`);

  await open('/create/templates/default/platform-ops-new-environment');
  await page.getByLabel('Name').first().waitFor({ timeout: 60_000 });
  await page.getByLabel('Name').first().fill(name);
  await chooseOption(page, 'Tier', 'prod');
  await page.getByLabel('AWS account id').first().fill('710987654321');
  await page.getByLabel('Route 53 hosted zone id').first().fill('Z0E2EVIDEO');
  await page.getByLabel('Hosted zone name').first().fill('e2e.example.com');
  await page.screenshot({ path: join(artifacts, 'template-environment-form.png'), fullPage: true });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('VPC CIDR').first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // Synthesis, policy check, estimate and the local git commit. The task page shows its first
  // output (the policy) when the run ends; where it was published is under "Published to".
  const publishedTo = page.getByRole('button', { name: 'Published to' });
  await publishedTo.waitFor({ timeout: 240_000 });
  await publishedTo.click();
  await page.getByText(/Local git repository/).first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(artifacts, 'template-environment-created.png'), fullPage: true });

  // The catalog reads the published catalog-info.yaml on its next pass over the location.
  const deadline = Date.now() + 300_000;
  for (;;) {
    const res = await api(`/catalog/entities/by-name/resource/default/${name}`);
    if (res.ok) break;
    if (Date.now() > deadline) throw new Error(`${name} did not reach the catalog (last status ${res.status})`);
    await new Promise(r => setTimeout(r, 3_000));
  }

  // Live in the simulated account without a restart, exactly as its Terraform declares: the
  // GPU group in both regions (pilot light at 0 in the DR region) and the queue + DLQ.
  const live = Date.now() + 120_000;
  let state;
  for (;;) {
    state = await (await api('/platform-ops/simulator/state')).json();
    if (state.terraform?.some(t => t.environment === name) && state.autoScalingGroups?.some(g => g.name === `${name}-gpu-workers`)) break;
    if (Date.now() > live) throw new Error(`${name} is not simulated: ${JSON.stringify(state.terraform)}`);
    await new Promise(r => setTimeout(r, 2_000));
  }
  const groups = state.autoScalingGroups.filter(g => g.name === `${name}-gpu-workers`).map(g => `${g.region}:${g.desired}`).sort();
  if (groups.join(',') !== 'us-east-1:2,us-west-2:0') throw new Error(`unexpected GPU groups of ${name}: ${groups.join(',')}`);
  const queues = state.queues.filter(q => q.accountId === '710987654321').map(q => `${q.name}@${q.region}`).sort();
  if (!queues.includes(`${name}-processing@us-east-1`) || !queues.includes(`${name}-processing-dlq@us-east-1`)) {
    throw new Error(`unexpected queues of ${name}: ${queues.join(', ')}`);
  }

  // Its Operations tab reads the new fleet and queue from the simulated account.
  await open(`/catalog/default/resource/${name}/operations`);
  await page.getByText(`${name}-processing`).first().waitFor({ timeout: 60_000 });
  await page.getByText('DR runbooks').first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(artifacts, 'template-environment-operations.png'), fullPage: true });

  // The region-failover drill from the entity page.
  await page.getByRole('button', { name: 'Region failover' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Drill (simulated account, measures RTO)').check();
  await dialog.getByText(/CloudFront E[A-Z0-9]{13}: origin to /).first().waitFor({ timeout: 60_000 });
  await dialog.getByLabel('Reason').fill('e2e: game day on a template-created environment');
  const confirm = dialog.getByLabel(`Type "${name}" to confirm`);
  if (await confirm.isVisible().catch(() => false)) await confirm.fill(name);
  await page.screenshot({ path: join(artifacts, 'template-environment-failover-plan.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Start runbook' }).click();

  const progress = page.getByTestId('execution-progress');
  await progress.getByText('RTO clock').first().waitFor({ timeout: 30_000 });
  // The replica promotion alone takes AWS's 3-6 minutes: move the simulated clock along.
  const done = progress.getByText(/Measured RTO: /);
  const runDeadline = Date.now() + 300_000;
  while (!(await done.first().isVisible().catch(() => false))) {
    if (Date.now() > runDeadline) throw new Error('the region failover did not finish');
    const res = await api('/platform-ops/simulator/clock/advance', { method: 'POST', body: JSON.stringify({ seconds: 60 }) });
    if (!res.ok) throw new Error(`advancing the simulated clock failed: ${res.status} ${await res.text()}`);
    await new Promise(r => setTimeout(r, 1_000));
  }
  await progress.getByText('succeeded').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(artifacts, 'template-environment-failover-done.png'), fullPage: true });

  // The DR region took the load: its GPU group was scaled up by the drill.
  const after = await (await api('/platform-ops/simulator/state')).json();
  const dr = after.autoScalingGroups.find(g => g.name === `${name}-gpu-workers` && g.region === 'us-west-2');
  if (!(dr?.desired > 0)) throw new Error(`the DR GPU group of ${name} was not scaled up: ${JSON.stringify(dr)}`);
}

/** Picks `value` in the MUI select labelled `label` (RJSF's enum widget). */
async function chooseOption(page, label, value) {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: value, exact: true }).click();
}
