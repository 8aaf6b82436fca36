#!/usr/bin/env node
/*
 * Browser tests: builds the app, starts the backend (which serves the built app on :7007
 * with the embedded defaults: SQLite, guest sign-in, simulated AWS account), then runs every
 * e2e/tests/*.mjs in headless Debian Chromium through playwright-core. Screenshots land in
 * e2e/artifacts/. Prints "N passed, N failed" and exits non-zero on any failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const artifacts = join(here, 'artifacts');
const baseUrl = 'http://localhost:7007';
mkdirSync(artifacts, { recursive: true });

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

if (await fetch(`${baseUrl}/healthcheck`).then(() => true).catch(() => false)) {
  console.error('e2e: port 7007 is taken by another process; stop it first (e.g. a running ./scripts/dev.sh)');
  process.exit(1);
}

if (!process.env.E2E_SKIP_BUILD) {
  console.log('e2e: building the app bundle');
  run('yarn', ['workspace', 'app', 'build']);
}

console.log('e2e: starting the backend');
const backend = spawn(
  'yarn',
  ['workspace', 'backend', 'start', '--config', '../../app-config.yaml', '--config', '../../app-config.e2e.yaml'],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let backendLog = '';
backend.stdout.on('data', d => (backendLog += d));
backend.stderr.on('data', d => (backendLog += d));
const killBackend = signal => {
  try {
    process.kill(-backend.pid, signal);
  } catch {
    /* already gone */
  }
};
// Stops the whole process group (yarn, backstage-cli and the backend it forks) and waits for
// it, so that the next run finds port 7007 free.
const stopBackend = async () => {
  if (backend.exitCode !== null) return;
  killBackend('SIGTERM');
  const exited = new Promise(r => backend.once('exit', r));
  const timeout = new Promise(r => setTimeout(r, 10_000));
  await Promise.race([exited, timeout]);
  killBackend('SIGKILL');
};
process.on('exit', () => killBackend('SIGKILL'));

let passed = 0;
let failed = 0;
try {
  await waitFor(`${baseUrl}/api/platform-ops/health`, 180_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const filter = process.argv[2] ?? '';
  const files = readdirSync(join(here, 'tests'))
    .filter(f => f.endsWith('.mjs') && f.includes(filter))
    .sort();
  for (const file of files) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const started = Date.now();
    try {
      const { default: test } = await import(join(here, 'tests', file));
      await test({ page, baseUrl, artifacts, open: path => open(page, path) });
      passed++;
      console.log(`  ✓ ${file} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`  ✕ ${file}: ${error instanceof Error ? error.stack : error}`);
      await page.screenshot({ path: join(artifacts, `FAILED-${file}.png`), fullPage: true }).catch(() => {});
    } finally {
      await context.close();
    }
  }
  await browser.close();
} catch (error) {
  failed++;
  console.log(`e2e set-up failed: ${error instanceof Error ? error.message : error}`);
  console.log(backendLog.split('\n').slice(-60).join('\n'));
} finally {
  await stopBackend();
}

/**
 * Opens an app path, signing in as the guest of the embedded default when the app shows its
 * sign-in page (a full page load shows it again, so tests navigate with this).
 */
async function open(page, path) {
  await page.goto(`${baseUrl}${path}`);
  const enter = page.getByRole('button', { name: /^enter$/i });
  await Promise.race([
    enter.waitFor({ timeout: 30_000 }),
    page.locator('nav, [class*="BackstageSidebar"]').first().waitFor({ timeout: 30_000 }),
  ]).catch(() => {});
  if (await enter.isVisible().catch(() => false)) await enter.click();
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
