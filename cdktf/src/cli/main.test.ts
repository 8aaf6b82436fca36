import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './main';

const examples = resolve(__dirname, '../../examples');

describe('platform-env CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'platform-env-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runCli(argv, { cwd: dir, out: l => out.push(l), err: l => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('synth writes the Terraform and prints policy and cost', () => {
    const { code, out } = run('synth', '--spec', join(examples, 'prod.yaml'), '--out', 'tf');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'tf')).sort()).toEqual(['prod', 'prod-state']);
    expect(out).toContain('**Policy: passed**');
    expect(out).toContain('Estimated monthly cost');
  });

  it('lists every problem of an invalid spec and writes nothing', () => {
    const { code, err } = run('synth', '--spec', join(examples, 'invalid.yaml'), '--out', 'tf');
    expect(code).toBe(1);
    expect(err.split('\n').filter(l => l.startsWith('  - '))).toHaveLength(4);
    expect(existsSync(join(dir, 'tf'))).toBe(false);
  });

  it('estimate --json prints machine-readable figures; bad usage exits 2', () => {
    const { code, out } = run('estimate', '--spec', join(examples, 'prod.yaml'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).totalMonthlyUsd).toBeGreaterThan(1000);
    expect(run('deploy', '--spec', 'x.yaml').code).toBe(2);
  });
});
