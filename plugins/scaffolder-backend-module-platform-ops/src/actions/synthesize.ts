import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveSpec, synthesize } from '@platformops/cdktf-platform';
import { PermissionsService, resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environmentCreatePermission } from '@platformops/plugin-platform-ops-common';
import { catalogEntityRefs, catalogInfoYaml } from '../catalog/entities';
import { isSpecValue, NOT_JSON_MESSAGE, SpecValue, specFromInput } from './spec-input';
import { writeFiles } from './workspace';

export const SYNTHESIZE_ACTION_ID = 'platform-ops:environment:synthesize';

/**
 * Validates the spec, synthesizes its Terraform JSON in-process and writes it into the
 * workspace, with a catalog-info.yaml describing what it creates. Runs in dry-run too, so
 * the template editor shows the synthesized files.
 */
export function createSynthesizeAction(options: { permissions: PermissionsService }) {
  return createTemplateAction({
    id: SYNTHESIZE_ACTION_ID,
    description:
      'Synthesizes Terraform JSON for a Platform Ops environment, GPU worker pool or queue spec (CDKTF, in-process) and writes it and its catalog entities into the workspace',
    supportsDryRun: true,
    examples: [
      {
        description: 'A production environment with the prod tier defaults',
        example: [
          'steps:',
          '  - id: synth',
          `    action: ${SYNTHESIZE_ACTION_ID}`,
          '    input:',
          '      spec:',
          '        name: studio-prod',
          '        tier: prod',
          '        region: us-east-1',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        spec: z =>
          z.record(z.custom<SpecValue | undefined>(isSpecValue, { message: NOT_JSON_MESSAGE })).describe(
            'Environment spec (kind environment | gpu-worker-pool | queue; name, tier, region, ...). Empty values fall back to the tier preset.',
          ),
        targetPath: z =>
          z.string().default('terraform').describe('Workspace directory for the Terraform files'),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Where to write the catalog entities; empty to skip'),
      },
      output: {
        files: z => z.array(z.string()).describe('Written files, relative to the workspace'),
        stacks: z => z.array(z.string()),
        generator: z => z.string(),
        summary: z => z.string().describe('Markdown list of the written files'),
        entityRefs: z => z.array(z.string()).describe('Catalog entities described in catalogInfoPath'),
      },
    },
    async handler(ctx) {
      // Who may create environments is the permission policy's call (platform-ops.environment.create),
      // checked for the person who started the template, before anything is written.
      const [decision] = await options.permissions.authorize(
        [{ permission: environmentCreatePermission }],
        { credentials: await ctx.getInitiatorCredentials() },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not create Platform Ops environments: the permission policy denies ${environmentCreatePermission.name}`,
        );
      }
      const spec = specFromInput(ctx.input.spec);
      const result = synthesize(spec);
      const base = resolveSafeChildPath(ctx.workspacePath, ctx.input.targetPath);
      const written = (await writeFiles(base, result.files)).map(f => `${ctx.input.targetPath}/${f}`);
      const entityRefs: string[] = [];
      if (ctx.input.catalogInfoPath) {
        const resolved = resolveSpec(spec);
        const yaml = catalogInfoYaml(resolved);
        await writeFiles(ctx.workspacePath, { [ctx.input.catalogInfoPath]: yaml });
        written.push(ctx.input.catalogInfoPath);
        entityRefs.push(...catalogEntityRefs(resolved));
      }
      ctx.logger.info(`Synthesized ${Object.keys(result.stacks).length} stack(s) with ${result.generator}`);
      ctx.output('files', written);
      ctx.output('stacks', Object.keys(result.stacks));
      ctx.output('generator', result.generator);
      ctx.output('entityRefs', entityRefs);
      ctx.output('summary', [`Synthesized with ${result.generator}:`, ...written.map(f => `- \`${f}\``)].join('\n'));
    },
  });
}
