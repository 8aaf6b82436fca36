import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { estimateMonthlyCost, formatCostEstimate } from '../cost/estimate';
import { checkPolicy, formatPolicyReport } from '../policy/check-policy';
import { validateSpec } from '../spec/validate';
import { synthesize } from '../synth/synthesize';

const USAGE = `usage: platform-env <synth|check|estimate> --spec env.yaml [--out dir] [--json]

  synth     validate the spec, synthesize Terraform JSON into --out (default ./cdktf.out),
            then print the policy result and the cost estimate
  check     validate + synthesize in memory and run the policy checks (exit 1 on findings)
  estimate  validate + synthesize in memory and print the monthly cost estimate`;

interface Args {
  command?: string;
  spec?: string;
  out: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { out: 'cdktf.out', json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--spec') args.spec = argv[++i];
    else if (a === '--out') args.out = argv[++i];
    else if (a === '--json') args.json = true;
    else if (!a.startsWith('-') && !args.command) args.command = a;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

export interface CliIo {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs the CLI and returns the exit code (kept free of process.exit for tests). */
export function runCli(argv: string[], io: CliIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!args.command || !['synth', 'check', 'estimate'].includes(args.command) || !args.spec) {
    io.err(USAGE);
    return 2;
  }
  const specPath = resolve(io.cwd, args.spec);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(specPath, 'utf8'));
  } catch (e) {
    io.err(`cannot read spec ${specPath}: ${(e as Error).message}`);
    return 2;
  }
  // Every problem, before anything is written.
  const validation = validateSpec(raw);
  if (!validation.ok) {
    io.err(`${specPath} is invalid:`);
    validation.problems.forEach(p => io.err(`  - ${p.path || '(spec)'}: ${p.message}`));
    return 1;
  }

  const result = synthesize(validation.spec);
  const policy = checkPolicy(result);
  const cost = estimateMonthlyCost(result);

  if (args.command === 'synth') {
    const outDir = resolve(io.cwd, args.out);
    for (const [file, content] of Object.entries(result.files)) {
      const target = join(outDir, file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      io.out(`wrote ${target}`);
    }
  }
  if (args.json) {
    const payloads = { check: policy, estimate: cost, synth: { files: Object.keys(result.files), policy, cost } };
    io.out(JSON.stringify(payloads[args.command as keyof typeof payloads], null, 2));
  } else {
    if (args.command !== 'estimate') io.out(formatPolicyReport(policy));
    if (args.command !== 'check') io.out(formatCostEstimate(cost));
  }
  return args.command === 'check' && !policy.passed ? 1 : 0;
}
