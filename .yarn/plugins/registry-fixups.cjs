/*
 * Yarn plugin: registry-fixups
 *
 * Why: the npm registry mirror this project is installed from lacks some optional,
 * platform-specific binaries at their newest versions (@rollup/rollup-*, @swc/core-*,
 * @unrs/resolver-binding-* for other OS/CPUs), and @yarnpkg/core@4.9.2 was published with a
 * `patch:` range pointing at a patch file that only exists in Yarn's own repository. Yarn 4
 * stops resolution on both. This hook rewrites those two kinds of descriptor before they are
 * resolved; nothing else is touched.
 *
 *  - an optional platform binary whose exact version is missing from the registry is re-pointed
 *    to the newest version that exists (it is never fetched on linux-x64 anyway);
 *  - a `patch:` range leaked by a published package (not by our own workspaces) is replaced by
 *    its plain npm source.
 */
const PLATFORM_BINARY = /^@(rollup\/rollup-|swc\/core-|unrs\/resolver-binding-|esbuild\/|img\/sharp-|parcel\/watcher-|next\/swc-|oxc-|rspack\/binding-)/;

module.exports = {
  name: 'plugin-registry-fixups',
  factory: require => {
    const { structUtils } = require('@yarnpkg/core');
    const { npmHttpUtils } = require('@yarnpkg/plugin-npm');
    const versionsByPackage = new Map();

    async function publishedVersions(ident, configuration) {
      const name = structUtils.stringifyIdent(ident);
      if (!versionsByPackage.has(name)) {
        versionsByPackage.set(
          name,
          npmHttpUtils
            .get(npmHttpUtils.getIdentUrl(ident), {
              configuration,
              ident,
              jsonResponse: true,
            })
            .then(meta => Object.keys(meta.versions || {}))
            .catch(() => []),
        );
      }
      return versionsByPackage.get(name);
    }

    function newest(versions) {
      const semver = require('semver');
      return versions
        .filter(v => !semver.prerelease(v))
        .sort(semver.rcompare)[0];
    }

    return {
      hooks: {
        async reduceDependency(dependency, project, locator) {
          const name = structUtils.stringifyIdent(dependency);
          const fromWorkspace = locator.reference.startsWith('workspace:');

          // 1. leaked patch: ranges from published packages -> plain npm source
          if (!fromWorkspace && dependency.range.startsWith('patch:')) {
            const hash = dependency.range.indexOf('#');
            const source = decodeURIComponent(
              dependency.range.slice('patch:'.length, hash === -1 ? undefined : hash),
            );
            const patchPath = hash === -1 ? '' : dependency.range.slice(hash + 1);
            if (patchPath.startsWith('~/') || patchPath.startsWith('./.yarn/patches')) {
              const sourceDescriptor = structUtils.parseDescriptor(source, true);
              return structUtils.makeDescriptor(dependency, sourceDescriptor.range);
            }
          }

          // 2. optional platform binaries missing at their exact version
          const exact = dependency.range.replace(/^npm:/, '');
          if (PLATFORM_BINARY.test(name) && /^\d+\.\d+\.\d+/.test(exact)) {
            const versions = await publishedVersions(dependency, project.configuration);
            if (versions.length > 0 && !versions.includes(exact)) {
              const replacement = newest(versions);
              if (replacement) {
                return structUtils.makeDescriptor(dependency, `npm:${replacement}`);
              }
            }
          }
          return dependency;
        },
      },
    };
  },
};
