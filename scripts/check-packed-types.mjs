#!/usr/bin/env node
/*
 * The type declarations adopters install must compile in THEIR app, where `skipLibCheck: false`
 * is a common setting and where our packages resolve each other from the registry, not from
 * this repository's sources. For every publishable workspace package that has a build, this:
 *   1. builds it (`backstage-cli package build`, after `yarn tsc` has written dist-types/);
 *   2. packs it (`yarn pack`, which runs backstage-cli's prepack: publishConfig and `workspace:`
 *      ranges are applied exactly as on publish);
 *   3. unpacks every tarball into a scratch project's node_modules, so that the packages import
 *      each other's packed copies;
 *   4. checks that `main` and every `exports` target of each packed package.json is in the
 *      tarball and is not a TypeScript source (Node requires them at runtime);
 *   5. type-checks, with the compiler options of a create-app app plus `skipLibCheck: false`, a
 *      file that imports every entry point listed in each packed package.json's `exports`.
 * Third-party packages resolve from this repository's node_modules (the scratch project lives
 * under it), as they would from the adopter's. Exits 1 with the compiler's errors.
 * Run by ./scripts/test.sh after `yarn tsc`. `--no-build` reuses the existing dist/ folders.
 * `--tarballs <dir>` also copies the packed tarballs into <dir>, for installing them into a test
 * app as docs/adoption.md does (the scratch project, tarballs included, is deleted on success).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const build = !process.argv.includes('--no-build');
const tarballsArg = process.argv.indexOf('--tarballs');
const keepTarballs = tarballsArg === -1 ? undefined : resolve(process.argv[tarballsArg + 1] ?? '');
if (keepTarballs !== undefined && !process.argv[tarballsArg + 1]) {
  console.error('usage: check-packed-types.mjs [--no-build] [--tarballs <dir>]');
  process.exit(2);
}
const scratch = join(root, 'node_modules', '.platform-ops-packed-types');
const started = Date.now();

const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces.flatMap(pattern =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2)))
        .map(name => join(pattern.slice(0, -2), name))
        .filter(dir => existsSync(join(root, dir, 'package.json')))
    : [pattern],
);
const publishable = workspaces
  .map(dir => ({ dir: join(root, dir), manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private && manifest.scripts?.build);

if (!existsSync(join(root, 'dist-types'))) {
  console.log('packed types: dist-types/ missing, running yarn tsc');
  execFileSync('yarn', ['tsc'], { cwd: root, stdio: 'inherit' });
}

rmSync(scratch, { recursive: true, force: true });
mkdirSync(join(scratch, 'tarballs'), { recursive: true });

const imports = [];
for (const { dir, manifest } of publishable) {
  if (build) execFileSync('yarn', ['backstage-cli', 'package', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = join(scratch, 'tarballs', `${manifest.name.replace(/[@/]/g, '_')}.tgz`);
  execFileSync('yarn', ['pack', '--out', tarball], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (keepTarballs) {
    mkdirSync(keepTarballs, { recursive: true });
    copyFileSync(tarball, join(keepTarballs, basename(tarball)));
  }
  const target = join(scratch, 'node_modules', manifest.name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);

  // Every types entry point the packed package.json offers: `exports` subpaths, else `types`.
  const packed = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
  // Node resolves `exports` (and `main` without it) at runtime: each target must be in the
  // tarball, and none may be a TypeScript source. A package without backstage-cli's prepack
  // shipped `exports: { '.': './src/index.ts' }` and its dependents failed at require time.
  const targets = [
    ...(packed.main ? [packed.main] : []),
    // (the `backstage` condition names a feature type, e.g. @backstage/BackendFeature, not a file)
    ...Object.values(packed.exports ?? {}).flatMap(entry =>
      typeof entry === 'string' ? [entry] : Object.entries(entry).filter(([condition]) => condition !== 'backstage').map(([, file]) => file),
    ),
  ];
  for (const file of new Set(targets)) {
    if (!existsSync(join(target, file)) || (/\.tsx?$/.test(file) && !/\.d\.ts$/.test(file))) {
      console.error(`${manifest.name}: the packed package.json points at ${file}, which is ${existsSync(join(target, file)) ? 'a TypeScript source' : 'not in the package'}`);
      process.exitCode = 1;
    }
  }
  const subpaths = packed.exports
    ? Object.entries(packed.exports)
        .filter(([subpath, entry]) => !subpath.endsWith('package.json') && (typeof entry === 'string' ? /\.d\.ts$/.test(entry) : entry.types))
        .map(([subpath]) => subpath)
    : packed.types ? ['.'] : [];
  for (const subpath of subpaths) {
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`;
    const declared = typeof packed.exports?.[subpath] === 'object' ? packed.exports[subpath].types : packed.types;
    if (declared && !existsSync(join(target, declared))) {
      console.error(`${manifest.name}: ${declared} (types of '${subpath}') is not in the package`);
      process.exitCode = 1;
    }
    imports.push(`export * as p${imports.length} from '${specifier}';`);
  }
}

writeFileSync(join(scratch, 'index.ts'), `${imports.join('\n')}\n`);
writeFileSync(
  join(scratch, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: relative(scratch, join(root, 'node_modules/@backstage/cli/config/tsconfig.json')),
      files: ['index.ts'],
      compilerOptions: { skipLibCheck: false, noEmit: true, declaration: false, emitDeclarationOnly: false, incremental: false, jsx: 'react-jsx' },
    },
    null,
    2,
  ),
);
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', scratch, '--pretty', 'false'], {
    cwd: scratch,
    encoding: 'utf8',
  });
} catch (error) {
  console.error(`packed types: the packed declarations do not compile with skipLibCheck: false\n${error.stdout}${error.stderr}`);
  console.error(`(scratch project kept in ${relative(root, scratch)})`);
  process.exit(1);
}
if (process.exitCode) process.exit();
rmSync(scratch, { recursive: true, force: true });
console.log(
  `packed types: ${publishable.length} packages ${build ? 'built, ' : ''}packed and type-checked (${imports.length} entry points, skipLibCheck false) in ${Math.round((Date.now() - started) / 1000)} s`,
);
