import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { platformOpsDatabaseServiceRef } from '../database/databaseServiceRef';
import { MutationRunner } from './MutationRunner';
import { MutationStore } from './MutationStore';

/**
 * The one path every change (fleet, queue, runbook start/approve/cancel) takes: permission on
 * the target entity, dry-run plan, idempotency, audit and history.
 */
export const changeRunnerServiceRef = createServiceRef<MutationRunner>({
  id: 'platform-ops.change-runner',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        knex: platformOpsDatabaseServiceRef,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
      },
      factory: ({ knex, permissions, auditor }) =>
        new MutationRunner(new MutationStore(knex), permissions, auditor),
    }),
});
