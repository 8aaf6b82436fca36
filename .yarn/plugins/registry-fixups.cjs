/*
 * Yarn plugin: registry-fixups
 *
 * Why: the npm registry mirror this project is installed from lacks some optional,
 * platform-specific binaries at the exact versions their parents ask for (@rollup/rollup-*,
 * @swc/core-*, @unrs/resolver-binding-* for other OS/CPUs; the linux-x64 ones we install do
 * exist), and @yarnpkg/core@4.9.2 was published with a `patch:` range pointing at a patch file
 * that only exists in Yarn's own repository. Yarn 4 stops resolution on both. This hook
 * rewrites those two kinds of descriptor before they are resolved; nothing else is touched.
 *
 *  - a `patch:` range leaked by a published package (not by our own workspaces) is replaced by
 *    its plain npm source (a pure function of the descriptor);
 *  - an optional platform binary missing at its exact version is re-pointed to a version that
 *    exists, and that choice is PINNED in the committed file `.yarn/platform-binary-pins.json`.
 *
 * Why pins (and not "ask the registry each time"): an install must depend only on the commit.
 * Asking the registry "which versions exist today?" at every install made the lockfile depend
 * on the day: when the mirror later published the missing version (or a newer one), the same
 * commit re-resolved differently and `yarn install --immutable` failed in CI. Now:
 *   1. a descriptor with a pin is rewritten to the pinned version, without asking the registry;
 *   2. a descriptor the lockfile already holds at its exact version is kept, without asking;
 *   3. only a descriptor the lockfile has never seen (a dependency was added or upgraded, which
 *      changes the lockfile anyway and is therefore refused by --immutable) asks the registry;
 *      if the exact version is missing it takes the newest published version not above it
 *      (else the newest) and records the pin.
 * The pins file is rewritten by a mutable `yarn install` to hold exactly the pins in use, and is
 * committed with yarn.lock. An --immutable install never writes it and fails if it would change.
 * Narrowing resolution to linux-x64 was the alternative; it would make the lockfile unusable for
 * a contributor on macOS, so we keep resolving every platform and pin what the mirror lacks.
 * Tested by scripts/registry-fixups.test.mjs against a fake registry that publishes versions
 * between two installs.
 */
const PLATFORM_BINARY = /^@(rollup\/rollup-|swc\/core-|unrs\/resolver-binding-|esbuild\/|img\/sharp-|parcel\/watcher-|next\/swc-|oxc-|rspack\/binding-)/;
const PINS_FILE = '.yarn/platform-binary-pins.json';

module.exports = {
  name: 'plugin-registry-fixups',
  factory: require => {
    const { structUtils } = require('@yarnpkg/core');
    const { npmHttpUtils } = require('@yarnpkg/plugin-npm');
    const { ppath, xfs } = require('@yarnpkg/fslib');
    const semver = require('semver');

    const versionsByPackage = new Map();
    // Pins read from the committed file, and the pins this install actually used.
    let committedPins = null;
    const usedPins = new Map();

    function pinsPath(project) {
      return ppath.join(project.cwd, PINS_FILE);
    }

    function readPins(project) {
      if (committedPins === null) {
        const file = pinsPath(project);
        committedPins = xfs.existsSync(file)
          ? new Map(Object.entries(JSON.parse(xfs.readFileSync(file, 'utf8')).pins || {}))
          : new Map();
      }
      return committedPins;
    }

    function serializePins(pins) {
      const sorted = Object.fromEntries([...pins.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
      return `${JSON.stringify(
        {
          '//': 'Written by .yarn/plugins/registry-fixups.cjs: optional platform binaries the registry lacked at their exact version, and the version used instead. Commit with yarn.lock.',
          pins: sorted,
        },
        null,
        2,
      )}\n`;
    }

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

    // The newest stable version not above the wanted one; else the newest stable one.
    function closest(versions, wanted) {
      const stable = versions.filter(v => semver.valid(v) && !semver.prerelease(v)).sort(semver.rcompare);
      return stable.find(v => semver.lte(v, wanted)) || stable[0];
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

          // 2. optional platform binaries missing at their exact version: pinned
          const exact = dependency.range.replace(/^npm:/, '');
          if (!PLATFORM_BINARY.test(name) || !semver.valid(exact)) return dependency;
          const key = `${name}@${exact}`;
          const pinned = readPins(project).get(key);
          if (pinned) {
            usedPins.set(key, pinned);
            return structUtils.makeDescriptor(dependency, `npm:${pinned}`);
          }
          const asIs = structUtils.makeDescriptor(dependency, `npm:${exact}`);
          if (project.storedDescriptors.has(asIs.descriptorHash)) return dependency;
          const versions = await publishedVersions(dependency, project.configuration);
          if (versions.length === 0 || versions.includes(exact)) return dependency;
          const replacement = closest(versions, exact);
          if (!replacement) return dependency;
          usedPins.set(key, replacement);
          return structUtils.makeDescriptor(dependency, `npm:${replacement}`);
        },

        async afterAllInstalled(project, options) {
          const file = pinsPath(project);
          const before = xfs.existsSync(file) ? xfs.readFileSync(file, 'utf8') : null;
          const after = usedPins.size > 0 ? serializePins(usedPins) : null;
          if (before === after) return;
          if (options && options.immutable) {
            throw new Error(
              `${PINS_FILE} would change (run \`yarn install\` without --immutable and commit it with yarn.lock)`,
            );
          }
          if (after === null) await xfs.removePromise(file);
          else await xfs.writeFilePromise(file, after);
        },
      },
    };
  },
};
