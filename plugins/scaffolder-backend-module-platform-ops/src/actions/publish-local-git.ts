import fs from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { RootConfigService, resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';

export const PUBLISH_LOCAL_GIT_ACTION_ID = 'platform-ops:publish:local-git';

/** Where local repositories go: `platformOps.scaffolder.localPublishDir`, else the OS temp dir. */
export function localPublishDir(config: RootConfigService): string {
  const configured = config.getOptionalString('platformOps.scaffolder.localPublishDir');
  // Relative paths are relative to the backend's working directory, like catalog file locations.
  return configured ? resolve(configured) : join(tmpdir(), 'platform-ops-environments');
}

/**
 * Publishes the workspace as a commit in a local git repository, for the embedded default
 * where no GitHub integration exists. Each run replaces the tree and commits on `main`, so
 * the history reads like merged pull requests; the working tree stays checked out so the
 * catalog can read its catalog-info.yaml through a file location.
 */
export function createPublishLocalGitAction(options: { config: RootConfigService }) {
  return createTemplateAction({
    id: PUBLISH_LOCAL_GIT_ACTION_ID,
    description:
      'Commits the workspace into a local git repository under platformOps.scaffolder.localPublishDir (embedded default without GitHub)',
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z => z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).describe('Repository directory name'),
        sourcePath: z => z.string().default('.').describe('Workspace sub-directory to publish'),
        commitMessage: z => z.string().default('Add environment from Backstage'),
      },
      output: {
        repoPath: z => z.string().describe('Absolute path of the local repository'),
        remoteUrl: z => z.string().describe('file:// URL of the repository'),
        commitSha: z => z.string(),
        catalogInfoPath: z => z.string().describe('Absolute path of the published catalog-info.yaml'),
      },
    },
    async handler(ctx) {
      const base = localPublishDir(options.config);
      const repoPath = resolveSafeChildPath(base, ctx.input.repoName);
      const source = resolveSafeChildPath(ctx.workspacePath, ctx.input.sourcePath);
      ctx.output('repoPath', repoPath);
      ctx.output('remoteUrl', `file://${repoPath}`);
      ctx.output('catalogInfoPath', join(repoPath, 'catalog-info.yaml'));
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would commit the workspace into ${repoPath}`);
        ctx.output('commitSha', 'dry-run');
        return;
      }

      await mkdir(repoPath, { recursive: true });
      if (!fs.existsSync(join(repoPath, '.git'))) {
        await git.init({ fs, dir: repoPath, defaultBranch: 'main' });
      }
      // Replace the tree with the workspace: what is not in the workspace is deleted.
      for (const entry of await readdir(repoPath)) {
        if (entry !== '.git') await rm(join(repoPath, entry), { recursive: true, force: true });
      }
      await cp(source, repoPath, { recursive: true, filter: src => !src.split(/[\\/]/).includes('.git') });
      const status = await git.statusMatrix({ fs, dir: repoPath });
      for (const [filepath, , workdir] of status) {
        if (workdir === 0) await git.remove({ fs, dir: repoPath, filepath });
        else await git.add({ fs, dir: repoPath, filepath });
      }
      const user = ctx.user?.ref ?? 'user:default/guest';
      const commitSha = await git.commit({
        fs,
        dir: repoPath,
        message: `${ctx.input.commitMessage}\n\nRequested by ${user} via ${ctx.templateInfo?.entityRef ?? 'a template'}`,
        author: { name: 'Platform Ops Scaffolder', email: 'scaffolder@platform-ops.local' },
      });
      ctx.logger.info(`Committed ${commitSha.slice(0, 7)} to ${repoPath}`);
      ctx.output('commitSha', commitSha);
    },
  });
}
