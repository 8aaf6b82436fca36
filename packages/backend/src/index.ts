/*
 * The Backstage backend of this repository: catalog, scaffolder, auth, permissions and the
 * Platform Ops plugins. It is also the reference for wiring the plugins into another app.
 */
import { createBackend } from '@backstage/backend-defaults';
import { databaseAwareRootHealthServiceFactory } from './health/databaseAwareRootHealthServiceFactory';
import { startPrometheusExporter } from './metrics/prometheusExporter';

// Prometheus metrics on PLATFORM_OPS_METRICS_PORT, installed before any plugin asks for a meter.
startPrometheusExporter();

const backend = createBackend();

// readiness also fails while PostgreSQL is unreachable (Kubernetes readinessProbe)
backend.add(databaseAwareRootHealthServiceFactory);

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
// discovery of environments and AWS resources by their tags (catalog.providers.platformOps)
backend.add(import('@platformops/plugin-catalog-backend-module-platform-ops'));

// permissions: reads open to signed-in users, Platform Ops changes to entity owners,
// simulator controls to platformOps.permissions.simulatorAdmins (the package adopters add)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@platformops/plugin-permission-backend-module-platform-ops'));

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

// MCP: the actions registered by the plugins listed in backend.actions.pluginSources
// (app-config.yaml) served as tools to AI agents at /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
