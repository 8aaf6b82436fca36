import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** SDK v3 client package -> the product's service name (aws/types.ts). */
const PACKAGE_SERVICE: Record<string, string> = {
  'client-auto-scaling': 'autoScaling',
  'client-cloudwatch': 'cloudWatch',
  'client-sqs': 'sqs',
  'client-cost-explorer': 'costExplorer',
  'client-budgets': 'budgets',
  'client-rds': 'rds',
  'client-route-53': 'route53',
  'client-ecs': 'ecs',
  'client-elasticache': 'elastiCache',
  'client-ec2': 'ec2',
  'client-cloudfront': 'cloudFront',
  'client-s3': 's3',
  'client-sts': 'sts',
  'client-resource-groups-tagging-api': 'resourceGroupsTagging',
};

const PLUGINS = resolve(__dirname, '../../../..');

/**
 * Packages with their own AWS contract test: catalog discovery sends its commands from the
 * catalog plugin, outside this plugin's routes (its simulatedAccount.test.ts checks them).
 */
export const OWN_CONTRACT_PACKAGES = ['catalog-backend-module-platform-ops'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return name === 'node_modules' || name === '__testUtils__'
        ? []
        : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every `XxxCommand` the product's (non-test) source imports from an SDK v3 client. */
export function importedAwsCommands(options: { except?: string[] } = {}) {
  const found: Array<{ service: string; operation: string; file: string }> = [];
  const files = readdirSync(PLUGINS)
    .filter(p => !options.except?.includes(p))
    .map(p => join(PLUGINS, p, 'src'))
    .filter(p => statSync(p, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(sourceFiles);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z0-9-]+)'/g,
    )) {
      const service = PACKAGE_SERVICE[m[2]] ?? m[2];
      for (const name of m[1]
        .split(',')
        .map(n => n.trim().split(/\s+as\s+/)[0])) {
        const op = /^(\w+)Command$/.exec(name)?.[1];
        if (op)
          found.push({ service, operation: op, file: relative(PLUGINS, file) });
      }
    }
  }
  return found;
}
