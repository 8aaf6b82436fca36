#!/usr/bin/env node
/*
 * Lockfile stability: the same commit installs with `yarn install --immutable` on any later
 * day, whatever the registry has published since. Runs this repository's Yarn release and its
 * registry-fixups plugin against a fake npm registry on localhost, in a throw-away project:
 *
 *   day 1: `tool@1.0.0` asks for the optional platform binary `@rollup/rollup-fakeos-x64@1.0.1`,
 *          which the registry lacks (it has 1.0.0); a mutable install resolves it to 1.0.0 and
 *          pins that choice in .yarn/platform-binary-pins.json;
 *   later: the registry publishes 1.0.1 (the exact version appeared) and 1.0.2 (a newer one);
 *          `yarn install --immutable` passes, yarn.lock and the pins are byte-identical, and the
 *          registry was not even asked about the platform binary;
 *   control: the same later install without the pins file fails with YN0028, so the pins are
 *          what holds the lockfile (the test could fail).
 *
 * Run by ./scripts/test.sh (node --test scripts/registry-fixups.test.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, existsSync, cpSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const yarnRelease = join(root, '.yarn/releases/yarn-4.13.0.cjs');
const plugin = join(root, '.yarn/plugins/registry-fixups.cjs');
const BINARY = '@rollup/rollup-fakeos-x64';
const LONG_AGO = '2020-01-01T00:00:00.000Z'; // older than any minimal-age gate

/** A package tarball (package/package.json) as the registry serves it. */
function tarball(work, manifest) {
  const dir = mkdtempSync(join(work, 'pkg-'));
  mkdirSync(join(dir, 'package'));
  writeFileSync(join(dir, 'package/package.json'), JSON.stringify(manifest));
  const file = join(dir, 'package.tgz');
  execFileSync('tar', ['czf', file, '-C', dir, 'package']);
  return readFileSync(file);
}

/** A fake npm registry whose published versions the test changes between installs. */
async function startRegistry(work) {
  const packages = new Map(); // name -> Map(version -> { manifest, tgz })
  const asked = [];
  const publish = manifest => {
    if (!packages.has(manifest.name)) packages.set(manifest.name, new Map());
    packages.get(manifest.name).set(manifest.version, { manifest, tgz: tarball(work, manifest) });
  };
  const server = createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    asked.push(url);
    const tgz = url.match(/^\/(.+)\/-\/[^/]+-(\d+\.\d+\.\d+)\.tgz$/);
    if (tgz && packages.get(tgz[1])?.has(tgz[2])) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(packages.get(tgz[1]).get(tgz[2]).tgz);
    }
    const name = url.slice(1);
    const versions = packages.get(name);
    if (!versions) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"error":"not found"}');
    }
    const { port } = server.address();
    const body = {
      name,
      'dist-tags': { latest: [...versions.keys()].sort().at(-1) },
      time: Object.fromEntries([...versions.keys()].map(v => [v, LONG_AGO])),
      versions: Object.fromEntries(
        [...versions].map(([v, { manifest, tgz }]) => [
          v,
          {
            ...manifest,
            dist: {
              tarball: `http://127.0.0.1:${port}/${name}/-/${name.split('/').pop()}-${v}.tgz`,
              shasum: createHash('sha1').update(tgz).digest('hex'),
            },
          },
        ]),
      ),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { server, publish, asked, url: `http://127.0.0.1:${server.address().port}` };
}

function project(work, registryUrl) {
  const dir = join(work, 'project');
  mkdirSync(join(dir, '.yarn/plugins'), { recursive: true });
  cpSync(plugin, join(dir, '.yarn/plugins/registry-fixups.cjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lock-probe', private: true, dependencies: { tool: '1.0.0' } }));
  writeFileSync(
    join(dir, '.yarnrc.yml'),
    [
      `yarnPath: ${yarnRelease}`,
      'nodeLinker: node-modules',
      `npmRegistryServer: "${registryUrl}"`,
      'unsafeHttpWhitelist: ["127.0.0.1"]',
      'enableGlobalCache: false',
      // Yarn keeps npm metadata in its global folder, keyed without the registry's port: a
      // folder of its own keeps an earlier run's fake registry out of this one.
      `globalFolder: ${join(work, 'yarn-global')}`,
      'enableTelemetry: false',
      'plugins:',
      '  - path: .yarn/plugins/registry-fixups.cjs',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'yarn.lock'), '');
  return dir;
}

/** Runs Yarn asynchronously: the fake registry answers from this same process. */
function yarnInstall(dir, ...flags) {
  // A clean environment: no CI defaults, no npm/yarn settings of the outer project.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|YARN_|CI$)/i.test(k)));
  return new Promise(done => {
    const child = spawn(process.execPath, [yarnRelease, 'install', ...flags], { cwd: dir, env });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('close', status => done({ status, output }));
  });
}

test('a committed lockfile stays valid when the registry publishes the missing or a newer platform binary', async () => {
  const work = mkdtempSync(join(tmpdir(), 'registry-fixups-'));
  const registry = await startRegistry(work);
  try {
    registry.publish({ name: BINARY, version: '1.0.0', os: ['fakeos'], cpu: ['x64'] });
    registry.publish({ name: 'tool', version: '1.0.0', optionalDependencies: { [BINARY]: '1.0.1' } });
    const dir = project(work, registry.url);

    // Day 1: the exact version is missing; the mutable install pins the closest older one.
    const day1 = await yarnInstall(dir);
    assert.equal(day1.status, 0, day1.output);
    const lock = readFileSync(join(dir, 'yarn.lock'), 'utf8');
    assert.match(lock, /"@rollup\/rollup-fakeos-x64@npm:1\.0\.0":/);
    const pinsFile = join(dir, '.yarn/platform-binary-pins.json');
    const pins = readFileSync(pinsFile, 'utf8');
    assert.deepEqual(JSON.parse(pins).pins, { [`${BINARY}@1.0.1`]: '1.0.0' });

    // Later: the exact version appears, and a newer one.
    registry.publish({ name: BINARY, version: '1.0.1', os: ['fakeos'], cpu: ['x64'] });
    registry.publish({ name: BINARY, version: '1.0.2', os: ['fakeos'], cpu: ['x64'] });
    registry.asked.length = 0;
    const later = await yarnInstall(dir, '--immutable');
    assert.equal(later.status, 0, later.output);
    assert.equal(readFileSync(join(dir, 'yarn.lock'), 'utf8'), lock, 'yarn.lock changed');
    assert.equal(readFileSync(pinsFile, 'utf8'), pins, 'the pins changed');
    assert.deepEqual(
      registry.asked.filter(u => u.includes('rollup-fakeos')),
      [],
      'a pinned platform binary must not depend on what the registry says today',
    );

    // Control: without the pins the same install re-resolves against today's registry.
    rmSync(pinsFile);
    const unpinned = await yarnInstall(dir, '--immutable');
    assert.notEqual(unpinned.status, 0, 'without pins the lockfile should have moved');
    assert.match(unpinned.output, /YN0028/);
    assert.ok(!existsSync(pinsFile), 'an --immutable install must not write the pins file');
  } finally {
    registry.server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
