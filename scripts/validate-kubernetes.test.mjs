/*
 * The Kubernetes validator fails on the mistakes it exists for: run with `node --test`
 * (scripts/test.sh). Each case copies the real manifests, breaks one thing, and expects the
 * validator to name it; the untouched copy must pass, so the cases prove the breakage is
 * what fails.
 */
import assert from 'node:assert/strict';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validate } from './validate-kubernetes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dirs = [];
after(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })));

/** A copy of deploy/kubernetes with `edit` applied to the active placement's text. */
function brokenCopy(edit) {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-validate-'));
  dirs.push(dir);
  cpSync(join(root, 'deploy/kubernetes'), dir, { recursive: true });
  const file = join(dir, 'us-west-2/platform-ops.yaml');
  const text = readFileSync(file, 'utf8');
  const changed = edit(text);
  assert.notEqual(changed, text, 'the edit must change the manifest');
  writeFileSync(file, changed);
  return dir;
}

test('the committed manifests pass', () => {
  assert.deepEqual(validate(join(root, 'deploy/kubernetes')).errors, []);
});

test('a misspelt field name fails (TypeScript excess-property check)', () => {
  const { errors } = validate(
    brokenCopy(t => t.replace('imagePullPolicy:', 'imagePulPolicy:')),
  );
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(
    errors[0],
    /imagePulPolicy.*does not exist in type 'IContainer'/,
  );
});

test('a wrong type fails (Kubernetes schema)', () => {
  const { errors } = validate(
    brokenCopy(t => t.replace('periodSeconds: 10\n', "periodSeconds: '10'\n")),
  );
  assert.ok(
    errors.some(e => /readinessProbe\/periodSeconds must be integer/.test(e)),
    errors.join('\n'),
  );
});

test('a probe on the wrong path fails', () => {
  const { errors } = validate(
    brokenCopy(t =>
      t.replace('path: /.backstage/health/v1/readiness', 'path: /healthcheck'),
    ),
  );
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(
    errors[0],
    /us-west-2\/platform-ops\.yaml: readinessProbe GETs \/\.backstage\/health\/v1\/readiness$/,
  );
});

test('one replica, a PDB that selects nothing and a missing IRSA role fail', () => {
  const { errors } = validate(
    brokenCopy(t =>
      t
        .replace('  replicas: 2\n', '  replicas: 1\n')
        .replace(
          /(kind: PodDisruptionBudget[\s\S]*app\.kubernetes\.io\/name: )platform-ops-backstage/,
          '$1other',
        )
        .replace(/ {4}eks\.amazonaws\.com\/role-arn: .*\n/, ''),
    ),
  );
  const text = errors.join('\n');
  assert.match(text, /the active placement runs 2 or more replicas/);
  assert.match(text, /the PodDisruptionBudget selects the Deployment's pods/);
  assert.match(text, /eks\.amazonaws\.com\/role-arn/);
});

test('a scrape annotation on another port than the metrics port fails', () => {
  const { errors } = validate(
    brokenCopy(t =>
      t.replace("prometheus.io/port: '9464'", "prometheus.io/port: '9090'"),
    ),
  );
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /prometheus\.io\/port is the metrics port 9464/);
});

test('a standby that drifts from the active placement fails', () => {
  const { errors } = validate(
    brokenCopy(t => t.replace('memory: 2Gi', 'memory: 3Gi')),
  );
  assert.deepEqual(
    errors.map(e => e.replace(/^.*?us-east-1-standby/, 'us-east-1-standby')),
    [
      'us-east-1-standby/platform-ops.yaml: the standby placement differs from the active one beyond replicas, region, role and registry',
    ],
  );
});
