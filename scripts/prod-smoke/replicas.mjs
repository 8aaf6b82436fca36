/*
 * Starting and stopping backend replicas for the production smoke: each one is the image's
 * CMD (image.json, written by scripts/image/stage-image.mjs from the Dockerfile) run in the
 * staged directory with the image's ENV, plus the smoke's config files.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export class Replica {
  /**
   * @param {object} options
   * @param {string} options.name      replica-1, replica-2
   * @param {string} options.appDir    the staged image directory
   * @param {number} options.port
   * @param {string[]} options.extraConfigs  absolute paths of config files added after the CMD's
   * @param {Record<string,string>} options.env  the smoke's environment (database, catalog)
   * @param {string} options.logFile
   */
  constructor(options) {
    this.options = options;
    this.baseUrl = `http://localhost:${options.port}`;
    // Prometheus metrics (packages/backend/src/metrics): 7107 -> 9107, 7108 -> 9108.
    this.metricsUrl = `http://localhost:${options.port + 2000}/metrics`;
    this.child = undefined;
    this.exited = undefined;
  }

  get pid() {
    return this.child?.pid;
  }

  async start() {
    const { appDir, port, extraConfigs, env, logFile } = this.options;
    await assertPortFree(port);
    await assertPortFree(port + 2000);
    const image = JSON.parse(readFileSync(join(appDir, 'image.json'), 'utf8'));
    const [command, ...args] = image.cmd;
    const log = createWriteStream(logFile, { flags: 'a' });
    this.child = spawn(
      command,
      [...args, ...extraConfigs.flatMap(c => ['--config', c])],
      {
        cwd: appDir,
        env: {
          ...process.env,
          ...image.env,
          ...env,
          SMOKE_PORT: String(port),
          PLATFORM_OPS_METRICS_PORT: String(port + 2000),
          APP_BASE_URL: this.baseUrl,
          BACKEND_BASE_URL: this.baseUrl,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout.pipe(log);
    this.child.stderr.pipe(log);
    this.exited = new Promise(resolve =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    return this;
  }

  /** Waits until the readiness endpoint says 200 (all plugins started, migrations done). */
  async waitReady(timeoutMs = 240_000) {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      const exit = await Promise.race([
        this.exited,
        sleep(0).then(() => undefined),
      ]);
      if (exit)
        throw new Error(
          `${this.options.name} exited (${JSON.stringify(
            exit,
          )}) before it was ready; see ${this.options.logFile}`,
        );
      try {
        const res = await fetch(
          `${this.baseUrl}/.backstage/health/v1/readiness`,
        );
        last = `${res.status} ${await res.text()}`;
        if (res.status === 200) return last;
      } catch (error) {
        last = String(error.cause?.code ?? error);
      }
      await sleep(1000);
    }
    throw new Error(
      `${this.options.name} not ready after ${
        timeoutMs / 1000
      } s (last: ${last}); see ${this.options.logFile}`,
    );
  }

  /** SIGTERM (a rolling update) or SIGKILL (a crash); resolves with how it exited. */
  async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
    if (
      !this.child ||
      this.child.exitCode !== null ||
      this.child.signalCode !== null
    )
      return this.exited;
    this.child.kill(signal);
    const exit = await Promise.race([
      this.exited,
      sleep(timeoutMs).then(() => undefined),
    ]);
    if (!exit) {
      this.child.kill('SIGKILL');
      throw new Error(
        `${this.options.name} did not exit within ${
          timeoutMs / 1000
        } s of ${signal}`,
      );
    }
    return exit;
  }

  async request(method, path, { token, body, headers } = {}) {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  }
}

export function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function assertPortFree(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(
          `port ${port} is in use: another smoke or backend runs; stop it first`,
        ),
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}
