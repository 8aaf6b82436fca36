import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * What several views use (the change dialog, its plan and history, polling) lives in
 * components/shared; a view never reaches into another view's folder for it.
 */
const COMPONENTS = resolve(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsInto(view: string, other: string): string[] {
  return files(join(COMPONENTS, view)).flatMap(file =>
    [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)]
      .map(m => m[1])
      .filter(spec => spec.startsWith('.'))
      .filter(spec => relative(COMPONENTS, resolve(file, '..', spec)).split(/[\\/]/)[0] === other)
      .map(spec => `${relative(COMPONENTS, file)} imports ${spec}`),
  );
}

describe('component folders', () => {
  it('the scanner sees imports of shared (it can fail)', () => {
    expect(importsInto('Queues', 'shared').length).toBeGreaterThan(0);
  });

  it.each(['Queues', 'Costs', 'Runbooks'])('%s imports nothing from Fleet/', view => {
    expect(importsInto(view, 'Fleet')).toEqual([]);
  });
});
