import { execFileSync, spawn } from 'node:child_process';

export interface Measured {
  wallMs: number;
  /** Peak of the summed RSS of the process and all its descendants, sampled every 20 ms. */
  peakTreeRssMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

function treeRssKb(root: number): number {
  let table: string;
  try {
    table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  } catch {
    return 0;
  }
  const rows = table
    .trim()
    .split('\n')
    .map(l => l.trim().split(/\s+/).map(Number));
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return rows.filter(([pid]) => inTree.has(pid)).reduce((s, [, , rss]) => s + rss, 0);
}

/**
 * Runs a command and samples the RSS of its whole process tree: the cdktf CLI does its
 * work in a child node process (the app), so the parent's own maxRSS would undercount it.
 */
export function measure(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measured> {
  return new Promise(done => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env });
    let peak = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRssKb(child.pid));
    }, 20);
    child.on('close', code => {
      clearInterval(timer);
      done({ wallMs: performance.now() - start, peakTreeRssMb: peak / 1024, code, stdout, stderr });
    });
  });
}
