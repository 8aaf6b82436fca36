#!/usr/bin/env node
/*
 * Runs the final (runtime) stage of packages/backend/Dockerfile outside Docker, into a
 * directory, after `yarn tsc && yarn build:backend` ran in this checkout (the Dockerfile's
 * build stage, whose /app is this repository's root):
 *
 *   node scripts/image/stage-image.mjs <dest-dir>       # copies, installs, writes image.json
 *   node scripts/image/stage-image.mjs --check           # only checks every COPY source exists
 *
 * Why: no Docker engine runs here (and CI has none), yet the production smoke must start
 * what the image starts. Reading the Dockerfile itself, instead of repeating its file list in
 * the smoke, means a COPY of a file the build does not produce, a changed CMD or ENV, or a
 * renamed install script fails the smoke.
 *
 * What it understands in the last stage, and nothing more: WORKDIR, ENV k=v, USER, EXPOSE,
 * COPY [--from=build] [--chown=..] <src>... <dest> (sources from this checkout), RUN of
 * `./install-backend-bundle.sh` (executed in the destination), RUN apt-get ... (system
 * packages: reported, not run; the host must have them) and CMD in exec form. Any other
 * instruction or RUN fails, so the Dockerfile cannot silently diverge from the smoke.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dockerfile = join(root, 'packages/backend/Dockerfile');

/** Instructions of the last stage, continuation lines joined, comments dropped. */
export function finalStage(text) {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(l => l.trim());
  const instructions = lines.filter(l => l && !l.startsWith('#'));
  const lastFrom = instructions.map(l => /^FROM\s/i.test(l)).lastIndexOf(true);
  if (lastFrom < 0) throw new Error('Dockerfile has no FROM');
  return instructions.slice(lastFrom + 1).map(l => {
    const [, op, rest] = /^(\S+)\s+(.*)$/.exec(l) ?? [];
    return { op: op.toUpperCase(), args: rest };
  });
}

/** The plan of the last stage: copies, env, runs and command. */
export function planStage(text) {
  const plan = {
    workdir: '/',
    env: {},
    copies: [],
    runs: [],
    skippedRuns: [],
    cmd: undefined,
    user: undefined,
  };
  for (const { op, args } of finalStage(text)) {
    switch (op) {
      case 'WORKDIR':
        plan.workdir = args;
        break;
      case 'USER':
        plan.user = args;
        break;
      case 'EXPOSE':
        break;
      case 'ENV': {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(args);
        if (!m) throw new Error(`ENV must be KEY=value: ${args}`);
        plan.env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
        break;
      }
      case 'COPY': {
        const words = args.split(/\s+/);
        const flags = words.filter(w => w.startsWith('--'));
        const paths = words.filter(w => !w.startsWith('--'));
        const from = flags
          .find(f => f.startsWith('--from='))
          ?.slice('--from='.length);
        if (from && from !== 'build')
          throw new Error(`COPY --from=${from}: only the build stage is known`);
        const dest = paths.pop();
        // The build stage's /app is this checkout; the build context is this checkout too.
        const sources = paths.map(p => (from ? p.replace(/^\/app\/?/, '') : p));
        plan.copies.push({ sources, dest });
        break;
      }
      case 'RUN': {
        const command = args.replace(/^--mount=\S+\s+/g, '').trim();
        if (/^apt-get\s/.test(command)) plan.skippedRuns.push(command);
        else if (/^\.\/install-backend-bundle\.sh$/.test(command))
          plan.runs.push(command);
        else
          throw new Error(
            `RUN not understood by stage-image.mjs (extend it, or keep the smoke honest): ${command}`,
          );
        break;
      }
      case 'CMD':
        plan.cmd = JSON.parse(args);
        break;
      default:
        throw new Error(
          `Instruction not understood by stage-image.mjs: ${op} ${args}`,
        );
    }
  }
  if (!plan.cmd) throw new Error('the last stage has no CMD');
  return plan;
}

function missingSources(plan) {
  return plan.copies
    .flatMap(c => c.sources)
    .filter(s => !existsSync(join(root, s)));
}

function copyInto(plan, dest) {
  for (const { sources, dest: to } of plan.copies) {
    const target = resolve(dest, to);
    const intoDir = to.endsWith('/') || to === '.' || sources.length > 1;
    for (const source of sources) {
      const from = join(root, source);
      if (statSync(from).isDirectory()) {
        // Docker copies a directory's contents into the destination directory.
        mkdirSync(target, { recursive: true });
        cpSync(from, target, { recursive: true });
      } else if (intoDir) {
        mkdirSync(target, { recursive: true });
        cpSync(from, join(target, source.split('/').pop()));
      } else {
        mkdirSync(dirname(target), { recursive: true });
        cpSync(from, target);
      }
    }
  }
}

function main() {
  const plan = planStage(readFileSync(dockerfile, 'utf8'));
  const missing = missingSources(plan);
  if (missing.length) {
    console.error(
      `Dockerfile COPYs what the build did not produce (run yarn tsc && yarn build:backend): ${missing.join(
        ', ',
      )}`,
    );
    process.exit(1);
  }
  const dest = process.argv[2];
  if (dest === '--check') {
    console.log(
      `stage-image: ${
        plan.copies.flatMap(c => c.sources).length
      } COPY sources exist; CMD ${plan.cmd.join(' ')}`,
    );
    return;
  }
  if (!dest) throw new Error('usage: stage-image.mjs <dest-dir> | --check');
  mkdirSync(dest, { recursive: true });
  // COPYs and RUNs in Dockerfile order: the install runs before the config files are copied.
  const instructions = finalStage(readFileSync(dockerfile, 'utf8'));
  let copyIndex = 0;
  let runIndex = 0;
  const env = { ...process.env, ...plan.env };
  for (const { op, args } of instructions) {
    if (op === 'COPY') copyInto({ copies: [plan.copies[copyIndex++]] }, dest);
    if (op === 'RUN' && !/apt-get\s/.test(args)) {
      const command = plan.runs[runIndex++];
      console.log(`stage-image: RUN ${command}`);
      // NODE_ENV=production as in the image; NODE_OPTIONS stays the caller's for yarn itself.
      execFileSync('bash', ['-c', command], {
        cwd: dest,
        stdio: 'inherit',
        env: { ...env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? '' },
      });
    }
  }
  for (const skipped of plan.skippedRuns)
    console.log(
      `stage-image: not run (system packages, the host has them): ${skipped}`,
    );
  writeFileSync(
    join(dest, 'image.json'),
    `${JSON.stringify(
      { env: plan.env, cmd: plan.cmd, user: plan.user },
      null,
      2,
    )}\n`,
  );
  console.log(`stage-image: ${dest} ready; CMD ${plan.cmd.join(' ')}`);
}

if (
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
)
  main();
