import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { FleetChangeAction, fleetNeedsAttention, FleetStatus } from '@platformops/plugin-platform-ops-common';
import Router from 'express-promise-router';
import { FLEET_CHANGES, FleetChangeKind, FleetChanges } from '../fleet/FleetChanges';
import { FleetService } from '../fleet/FleetService';
import { InventoryService } from '../inventory/InventoryService';
import { ListFilter, listBody, sendListBody } from './listResponse';
import { fleetListItem } from './listItems';
import { entityRefQuerySchema, historyQuerySchema, listQuerySchema } from './querySchemas';
import { auditedRoute } from './auditedRoute';
import { changeActor, parseChangeBody, parseOrThrow } from './requestContext';

/** ?needsAttention=true: judged on the list item, as the health strip judges what it shows. */
const NEEDS_ATTENTION: ListFilter<FleetStatus> = { name: 'needsAttention', keep: f => fleetNeedsAttention(fleetListItem(f)) };

export interface FleetRoutesOptions {
  fleets: FleetService;
  changes: FleetChanges;
  inventory: InventoryService;
  httpAuth: HttpAuthService;
  /** Audits requests refused before the change runner saw them. */
  auditor?: AuditorService;
}

/**
 * GET /fleets[?environment=&series=&offset=&limit=&needsAttention=true], GET /fleets/by-entity?entityRef=, GET /fleets/history?entityRef=,
 * and the changes: POST /fleets/{desired-capacity,size,spot-share,processes,target-tracking,
 * scheduled-actions,scheduled-actions/delete}.
 */
export function createFleetRoutes(options: FleetRoutesOptions) {
  const { fleets, changes, inventory, httpAuth, auditor } = options;
  const router = Router();

  router.get('/fleets', async (req, res) => {
    const { environment, series, offset, limit, needsAttention } = parseOrThrow(listQuerySchema, req.query, 'fleets query');
    if (environment) await inventory.getEnvironment(environment); // 404 naming the known ones
    const body = await listBody<FleetStatus>({
      key: 'fleets',
      environments: environment ? [environment] : (await inventory.getInventory()).environments.map(e => e.name),
      single: Boolean(environment),
      load: name => fleets.forEnvironment(name),
      page: limit === undefined ? undefined : { offset, limit },
      trim: series === 'full' ? undefined : fleetListItem,
      filter: needsAttention ? NEEDS_ATTENTION : undefined,
    });
    sendListBody(req, res, body);
  });

  router.get('/fleets/by-entity', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'fleet query');
    res.json(await fleets.byEntity(entityRef));
  });

  router.get('/fleets/history', async (req, res) => {
    const { entityRef, ...query } = parseOrThrow(historyQuerySchema, req.query, 'history query');
    res.json(await changes.history(entityRef, query));
  });

  /** One POST route per change: zod first (nothing sent on bad input), then the service. */
  for (const [name, spec] of Object.entries(FLEET_CHANGES) as [FleetChangeAction, FleetChangeKind][]) {
    router.post(
      `/fleets/${name}`,
      auditedRoute(auditor, spec.action, async (req, res) => {
        const input = parseChangeBody(spec.schema, req.body, spec.action.replace(/-/g, ' ')) as { entityRef: string };
        res.json(await changes.change(name, input, () => changeActor(httpAuth, req)));
      }),
    );
  }

  return router;
}
