import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The direction of imports, kept true by scanning the sources: HTTP (src/service) -> the
 * capability services -> the AWS gateway. Tests may cross the lines (they wire things up).
 */

const SRC = __dirname;
const REPO = resolve(SRC, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.includes('__testUtils__');

/** Every module specifier a file imports (static imports, re-exports, require, import()). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g,
    /import\s+['"]([^'"]+)['"]/g,
    /(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push(match[1]);
  }
  return found;
}

/** Where a relative import lands, as a path under src/ ("fleet/FleetService"). */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.')
    ? relative(SRC, resolve(file, '..', specifier)).split('\\').join('/')
    : specifier;
}

/** The non-test files of a src/ folder and what each imports. */
function importsUnder(folder: string): Array<{ file: string; imports: string[] }> {
  return sourceFiles(join(SRC, folder))
    .filter(f => !isTest(f))
    .map(f => ({ file: relative(SRC, f), imports: importsOf(f).map(s => target(f, s)) }));
}

function violations(folders: string[], forbidden: (imported: string) => boolean): string[] {
  return folders.flatMap(folder =>
    importsUnder(folder).flatMap(({ file, imports }) =>
      imports.filter(forbidden).map(imported => `${file} imports ${imported}`),
    ),
  );
}

const CAPABILITIES = ['inventory', 'fleet', 'queues', 'costs', 'runbooks', 'changes'];
const isHttp = (i: string) =>
  i === 'express' || i === 'express-promise-router' || i.startsWith('service/') || i === 'service';

describe('import rules', () => {
  it('finds the imports it checks (the scanner works)', () => {
    const router = importsUnder('service').find(f => f.file === 'service/router.ts');
    expect(router?.imports).toEqual(expect.arrayContaining(['express', 'fleet/FleetService']));
  });

  it('capabilities, the change plumbing and the AWS layer know nothing of HTTP', () => {
    expect(violations([...CAPABILITIES, 'aws', 'database', 'util'], isHttp)).toEqual([]);
  });

  it('the MCP actions use the services, never the HTTP layer', () => {
    expect(importsUnder('actions').length).toBeGreaterThan(0);
    expect(violations(['actions'], isHttp)).toEqual([]);
  });

  it('the AWS layer imports no capability (nor the HTTP layer)', () => {
    const capability = (i: string) => [...CAPABILITIES, 'service'].some(c => i.startsWith(`${c}/`));
    expect(violations(['aws'], capability)).toEqual([]);
  });

  it('queues do not import fleet (fleets read queue backlogs, not the other way round)', () => {
    expect(violations(['queues'], i => i.startsWith('fleet/'))).toEqual([]);
  });

  it('the plugin ships no simulator: nothing outside tests imports the simulated-aws module', () => {
    const simulator = (i: string) => i.includes('simulated-aws') || i.startsWith('simulator/');
    expect(violations(['.'], simulator)).toEqual([]);
  });

  it('runbooks do not branch on the gateway mode (the drill clock and gateway are injected)', () => {
    const offenders = sourceFiles(join(SRC, 'runbooks'))
      .filter(f => !isTest(f) && /\.mode\s*===\s*'simulated'|gateway\??\.mode\b/.test(readFileSync(f, 'utf8')))
      .map(f => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('cdktf imports no Backstage package, and depends on none', () => {
    const cdktf = join(REPO, 'cdktf');
    // @backstage/cli is build tooling (a devDependency): bin/ uses its TypeScript transform to
    // run the sources inside this monorepo; the published package runs dist/ without it.
    const backstage = (i: string) =>
      (i.startsWith('@backstage/') && !i.startsWith('@backstage/cli/')) || i.startsWith('@platformops/plugin-');
    const offenders = ['src', 'bin']
      .flatMap(d => sourceFiles(join(cdktf, d)))
      .flatMap(f => importsOf(f).filter(backstage).map(i => `${relative(REPO, f)} imports ${i}`));
    expect(offenders).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(cdktf, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies ?? {}).filter(backstage)).toEqual([]);
  });
});
