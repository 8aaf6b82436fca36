/*
 * The Backstage backend of this repository: catalog, scaffolder, auth, permissions and the
 * Platform Ops plugins. It is also the reference for wiring the plugins into another app.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in in the embedded default (app-config.yaml)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog: the inventory of environments and AWS resources
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: reads open to signed-in users, Platform Ops changes to entity owners
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissionPolicyModule'));

// scaffolder: environment templates synthesize Terraform with CDKTF
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@platformops/plugin-scaffolder-backend-module-platform-ops'));

// Platform Ops
backend.add(import('@platformops/plugin-platform-ops-backend'));
// The simulated AWS account: this repository runs without AWS credentials (./scripts/dev.sh,
// the e2e tests, demos). The plugin alone talks to real AWS; with this module installed it
// answers from the simulated account unless platformOps.aws.mode is aws (as in
// app-config.production.yaml), and serves the fault and clock controls under /simulator.
backend.add(import('@platformops/plugin-platform-ops-backend-module-simulated-aws'));

backend.start();
