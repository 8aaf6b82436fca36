/*
 * The Dockerfile, the smoke and the README agree (run with `node --test`, scripts/test.sh).
 * No Docker engine here: the smoke runs the Dockerfile's last stage through stage-image.mjs,
 * and these tests pin what that reader relies on.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { planStage } from './stage-image.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dockerfile = readFileSync(
  join(root, 'packages/backend/Dockerfile'),
  'utf8',
);
const plan = planStage(dockerfile);
const COMMAND =
  'node packages/backend --config app-config.yaml --config app-config.production.yaml';

test("the image's CMD is the README's production command", () => {
  assert.equal(plan.cmd.join(' '), COMMAND);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.ok(
    readme.includes(`  ${COMMAND}\n`),
    'README shows the command the image runs',
  );
});

test('the image runs as the non-root node user, in production mode', () => {
  assert.equal(plan.user, 'node');
  assert.equal(plan.env.NODE_ENV, 'production');
});

test('the runtime stage installs through the shared script, with yarn as the repository pins it', () => {
  assert.deepEqual(plan.runs, ['./install-backend-bundle.sh']);
  const sources = plan.copies.flatMap(c => c.sources);
  for (const needed of [
    '.yarnrc.yml',
    'yarn.lock',
    'package.json',
    '.yarn/releases',
    '.yarn/plugins',
    '.yarn/platform-binary-pins.json',
    'scripts/image/install-backend-bundle.sh',
    'app-config.production.yaml',
  ]) {
    assert.ok(sources.includes(needed), `COPY ${needed}`);
  }
  // Everything but the build's tarballs is committed: a COPY of a missing file fails here.
  const committed = sources.filter(
    s => !s.startsWith('packages/backend/dist/'),
  );
  assert.deepEqual(
    committed.filter(s => !existsSync(join(root, s))),
    [],
  );
  assert.deepEqual(
    sources.filter(s => s.startsWith('packages/backend/dist/')),
    [
      'packages/backend/dist/skeleton.tar.gz',
      'packages/backend/dist/bundle.tar.gz',
    ],
  );
});

test('the build stage and the smoke build the same way', () => {
  assert.match(dockerfile, /RUN yarn tsc && yarn build:backend\n/);
  const smoke = readFileSync(join(root, 'scripts/prod-smoke.sh'), 'utf8');
  assert.match(smoke, /\nyarn tsc\nyarn build:backend\n/);
  assert.match(
    smoke,
    /YARN_ENABLE_NETWORK=0 node scripts\/image\/stage-image\.mjs/,
  );
});

test('an instruction the smoke cannot reproduce fails instead of being skipped', () => {
  const extra = `${dockerfile}\nRUN curl -o /tmp/x https://example.com/x\n`;
  assert.throws(
    () => planStage(extra),
    /RUN not understood by stage-image\.mjs/,
  );
  assert.throws(
    () => planStage(`${dockerfile}\nVOLUME /data\n`),
    /Instruction not understood/,
  );
  assert.throws(
    () => planStage(dockerfile.replace(/\nCMD .*\n?$/, '\n')),
    /no CMD/,
  );
});
