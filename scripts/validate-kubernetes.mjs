#!/usr/bin/env node
/*
 * Offline validation of the Kubernetes manifests under deploy/kubernetes (no cluster, no
 * network), in three passes:
 *   1. every document against the Kubernetes OpenAPI schema of its kind (kubernetes-models'
 *      compiled validators: types, enums, required fields);
 *   2. field names: those validators accept unknown properties (the OpenAPI schemas do not
 *      close objects), so each document is also type-checked by TypeScript as an object
 *      literal of the model's interface (IDeployment, ...), whose excess-property check
 *      rejects a misspelt field at any depth;
 *   3. what this product needs from them (replicas, probes, IRSA, PDB, secrets, standby drift). Run by scripts/test.sh; scripts/validate-kubernetes.test.mjs shows that a
 * typo fails it.
 *
 *   node scripts/validate-kubernetes.mjs [dir]
 */
import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The kinds the manifests may use, each with its kubernetes-models class. */
const MODELS = {
  'v1/Namespace': (await import('kubernetes-models/v1/Namespace')).Namespace,
  'v1/ServiceAccount': (await import('kubernetes-models/v1/ServiceAccount'))
    .ServiceAccount,
  'v1/Service': (await import('kubernetes-models/v1/Service')).Service,
  'v1/ConfigMap': (await import('kubernetes-models/v1/ConfigMap')).ConfigMap,
  'apps/v1/Deployment': (await import('kubernetes-models/apps/v1/Deployment'))
    .Deployment,
  'policy/v1/PodDisruptionBudget': (
    await import('kubernetes-models/policy/v1/PodDisruptionBudget')
  ).PodDisruptionBudget,
};

function yamlFiles(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Schema errors of one document, as readable lines. */
export function schemaErrors(doc) {
  const key = `${doc?.apiVersion}/${doc?.kind}`;
  const Model = MODELS[key];
  if (!Model)
    return [
      `${key}: not a kind these manifests may use (${Object.keys(MODELS).join(
        ', ',
      )})`,
    ];
  try {
    new Model(doc).validate();
    return [];
  } catch (error) {
    const details = error.errors?.map(
      e =>
        `${e.instancePath || e.dataPath || '/'} ${e.message}${
          e.params?.additionalProperty
            ? ` (${e.params.additionalProperty})`
            : ''
        }`,
    );
    return details?.length ? details : [String(error.message ?? error)];
  }
}

const TYPES = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'v1/ServiceAccount': [
    'kubernetes-models/v1/ServiceAccount',
    'IServiceAccount',
  ],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
};

/**
 * Field-name errors of many documents at once (one tsc run): each document becomes
 * `const doc_N: IKind = {...}`; TypeScript reports a property the interface does not have.
 */
export function fieldErrors(entries) {
  const known = entries.filter(e => TYPES[`${e.doc.apiVersion}/${e.doc.kind}`]);
  if (!known.length) return [];
  const dir = mkdtempSync(join(root, 'node_modules/.validate-kubernetes-'));
  try {
    const imports = [
      ...new Set(known.map(e => `${e.doc.apiVersion}/${e.doc.kind}`)),
    ].map(k => `import type { ${TYPES[k][1]} } from '${TYPES[k][0]}';`);
    const consts = known.map(
      (e, i) =>
        `export const doc_${i}: ${
          TYPES[`${e.doc.apiVersion}/${e.doc.kind}`][1]
        } = ${JSON.stringify(e.doc, null, 1)};`,
    );
    writeFileSync(
      join(dir, 'manifests.ts'),
      `${imports.join('\n')}\n${consts.join('\n')}\n`,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'esnext',
      '--moduleResolution',
      'bundler',
      '--target',
      'es2022',
      join(dir, 'manifests.ts'),
    ];
    try {
      execFileSync(process.execPath, [tsc, ...args], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      return [];
    } catch (error) {
      const source = readFileSync(join(dir, 'manifests.ts'), 'utf8').split(
        '\n',
      );
      const owner = line => {
        for (let l = line; l >= 0; l--) {
          const m = /^export const doc_(\d+)/.exec(source[l]);
          if (m) return known[Number(m[1])];
        }
        return undefined;
      };
      const messages = `${error.stdout}`
        .split('\n')
        .filter(l => /error TS/.test(l));
      return messages.map(m => {
        const line = Number(/\((\d+),\d+\)/.exec(m)?.[1] ?? 1) - 1;
        const e = owner(line);
        const text = m.replace(/^.*error TS\d+: /, '');
        return `${e?.file}: ${e?.doc.kind} ${e?.doc.metadata?.name}: ${text}`;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEALTH = {
  readinessProbe: '/.backstage/health/v1/readiness',
  livenessProbe: '/.backstage/health/v1/liveness',
};

/** What Platform Ops needs from a placement (one file: namespace, account, deployment, ...). */
export function productErrors(docs, file) {
  const errors = [];
  const byKind = kind => docs.filter(d => d.kind === kind);
  const [deployment] = byKind('Deployment');
  const [account] = byKind('ServiceAccount');
  const [pdb] = byKind('PodDisruptionBudget');
  const [service] = byKind('Service');
  if (!deployment || !account || !pdb || !service) {
    return [
      `${file}: needs a Deployment, a ServiceAccount, a Service and a PodDisruptionBudget`,
    ];
  }
  const pod = deployment.spec.template.spec;
  const labels = deployment.spec.template.metadata.labels;
  const matches = selector =>
    Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v) &&
    Object.keys(selector ?? {}).length > 0;
  const standby = /standby/.test(file);
  if (!standby && !(deployment.spec.replicas >= 2))
    errors.push('the active placement runs 2 or more replicas');
  if (standby && deployment.spec.replicas !== 0)
    errors.push('a standby placement runs no replica until it is needed');
  if (pod.serviceAccountName !== account.metadata.name)
    errors.push(`the pods use ServiceAccount ${account.metadata.name} (IRSA)`);
  if (
    !/^arn:aws:iam::\d{12}:role\/.+/.test(
      account.metadata.annotations?.['eks.amazonaws.com/role-arn'] ?? '',
    )
  ) {
    errors.push(
      'the ServiceAccount carries eks.amazonaws.com/role-arn (IRSA role for the aws block)',
    );
  }
  if (!matches(pdb.spec.selector?.matchLabels))
    errors.push("the PodDisruptionBudget selects the Deployment's pods");
  if (
    pdb.spec.minAvailable === undefined &&
    pdb.spec.maxUnavailable === undefined
  )
    errors.push('the PodDisruptionBudget sets minAvailable or maxUnavailable');
  if (!matches(service.spec.selector))
    errors.push("the Service selects the Deployment's pods");
  const container = pod.containers[0];
  const ports = new Set(
    (container.ports ?? []).flatMap(p => [p.name, p.containerPort]),
  );
  for (const [probe, path] of Object.entries(HEALTH)) {
    const get = container[probe]?.httpGet;
    if (get?.path !== path) errors.push(`${probe} GETs ${path}`);
    else if (!ports.has(get.port))
      errors.push(
        `${probe} targets a port the container declares (${get.port})`,
      );
  }
  if (!ports.has(7007))
    errors.push(
      'the container declares port 7007 (backend.listen in app-config.production.yaml)',
    );
  const env = Object.fromEntries((container.env ?? []).map(e => [e.name, e]));
  for (const name of [
    'POSTGRES_HOST',
    'POSTGRES_PORT',
    'POSTGRES_USER',
    'POSTGRES_PASSWORD',
  ]) {
    if (!env[name]?.valueFrom?.secretKeyRef)
      errors.push(`${name} comes from a Secret`);
  }
  for (const name of ['APP_BASE_URL', 'BACKEND_BASE_URL'])
    if (!env[name]) errors.push(`${name} is set`);
  if (pod.securityContext?.runAsNonRoot !== true)
    errors.push('the pods run as non-root');
  const metricsPort = Number(env.PLATFORM_OPS_METRICS_PORT?.value);
  if (metricsPort) {
    if (!ports.has(metricsPort))
      errors.push(
        `the container declares the metrics port ${metricsPort} (PLATFORM_OPS_METRICS_PORT)`,
      );
    const scrapePort = Number(
      deployment.spec.template.metadata.annotations?.['prometheus.io/port'],
    );
    if (scrapePort !== metricsPort)
      errors.push(`prometheus.io/port is the metrics port ${metricsPort}`);
  }
  return errors.map(e => `${file}: ${e}`);
}

/** The standby must be the active placement but for replicas, region, role and registry. */
export function driftErrors(active, standby) {
  const normalise = docs =>
    JSON.stringify(docs)
      .replace(/us-(east|west)-\d/g, 'REGION')
      .replace(/role\/platform-ops-backstage-[a-z0-9]+/g, 'role/ROLE')
      .replace(/"replicas":\d+/g, '"replicas":N');
  return normalise(active) === normalise(standby)
    ? []
    : [
        'the standby placement differs from the active one beyond replicas, region, role and registry',
      ];
}

export function validate(dir) {
  const errors = [];
  const placements = {};
  const entries = [];
  for (const file of yamlFiles(dir)) {
    const name = relative(root, file);
    const docs = parseAllDocuments(readFileSync(file, 'utf8'))
      .map(d => {
        if (d.errors.length)
          errors.push(
            `${name}: YAML: ${d.errors.map(e => e.message).join('; ')}`,
          );
        return d.toJS();
      })
      .filter(Boolean);
    for (const doc of docs) {
      for (const e of schemaErrors(doc))
        errors.push(`${name}: ${doc.kind} ${doc.metadata?.name}: ${e}`);
      entries.push({ file: name, doc });
    }
    placements[name] = docs;
  }
  errors.push(...fieldErrors(entries));
  if (!errors.length)
    for (const [name, docs] of Object.entries(placements))
      errors.push(...productErrors(docs, name));
  const names = Object.keys(placements);
  const active = names.filter(n => !/standby/.test(n));
  const standby = names.filter(n => /standby/.test(n));
  if (!active.length)
    errors.push(`${relative(root, dir)}: no active placement`);
  if (!errors.length)
    for (const s of standby)
      errors.push(
        ...driftErrors(placements[active[0]], placements[s]).map(
          e => `${s}: ${e}`,
        ),
      );
  return {
    errors,
    files: names,
    documents: Object.values(placements).flat().length,
  };
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const dir = resolve(process.argv[2] ?? join(root, 'deploy/kubernetes'));
  const { errors, files, documents } = validate(dir);
  if (errors.length) {
    console.error(
      `validate-kubernetes: ${errors.length} problem(s):\n  ${errors.join(
        '\n  ',
      )}`,
    );
    process.exit(1);
  }
  console.log(
    `validate-kubernetes: ${documents} documents in ${
      files.length
    } files valid (${files.join(', ')})`,
  );
}
