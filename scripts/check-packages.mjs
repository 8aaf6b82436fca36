#!/usr/bin/env node
/*
 * What adopters install must contain what the READMEs and package.json point at. For every
 * publishable workspace package (not private), `yarn pack --dry-run` lists the files the
 * tarball would hold, and this checks that it holds:
 *   - the config schema named by `configSchema` (Backstage validates app-config with it);
 *   - every knex migration of a package that has a migrations/ folder (the backend runs them);
 *   - every template.yaml and skeleton file of the templates package;
 *   - a README.md (each package's README is its install guide).
 * `dist/` is produced by a build and is not checked here.
 * Run by ./scripts/test.sh; exits 1 listing every missing file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces.flatMap(pattern =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2)))
        .map(name => join(pattern.slice(0, -2), name))
        .filter(dir => existsSync(join(root, dir, 'package.json')))
    : [pattern],
);

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// npm applies the same `files` rules as `yarn pack`, and can list them without running the
// prepack script (backstage-cli's prepack rewrites package.json for a built dist/).
function packedFiles(dir) {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
  return new Set(JSON.parse(out)[0].files.map(f => f.path));
}

const problems = [];
let checked = 0;
for (const workspace of workspaces) {
  const dir = join(root, workspace);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  checked++;
  const packed = packedFiles(dir);
  const expect = (file, why) => {
    if (!packed.has(file)) problems.push(`${manifest.name}: ${file} is not in the package (${why})`);
  };
  expect('README.md', 'its install guide');
  if (manifest.configSchema) expect(manifest.configSchema, 'configSchema');
  for (const file of filesUnder(join(dir, 'migrations'))) {
    if (!/\.test\./.test(file)) expect(relative(dir, file), 'a knex migration the plugin runs at start-up');
  }
  for (const name of readdirSync(dir)) {
    if (existsSync(join(dir, name, 'template.yaml'))) {
      expect(`${name}/template.yaml`, 'a scaffolder template');
      for (const file of filesUnder(join(dir, name, 'skeleton'))) expect(relative(dir, file), "a template's skeleton");
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`packages: ${checked} publishable packages hold their README, config schema, migrations and templates`);
