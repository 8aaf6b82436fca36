import {
  Link,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Grid, Paper, Typography } from '@material-ui/core';
import { BudgetStatus, ListReadRequest, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { ReactNode } from 'react';
import { platformOpsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ago, useNow } from '../shared/UpdatedAgo';
import { usePolled } from '../shared/usePolled';
import { environmentHealth, HealthRow, Severity } from './healthSignals';

const POLL_MS = 15_000;
/** The strip's reads of the fleet and queue lists: only what it shows as rows. */
const ATTENTION: ListReadRequest = { needsAttention: true };

const Mark = ({ severity, children }: { severity: Severity; children: ReactNode }) => {
  switch (severity) {
    case 'error':
      return <StatusError>{children}</StatusError>;
    case 'warning':
      return <StatusWarning>{children}</StatusWarning>;
    case 'info':
      return <StatusPending>{children}</StatusPending>;
    default:
      return <StatusOK>{children}</StatusOK>;
  }
};

const WORST_LABEL: Record<Severity, string> = {
  error: 'Needs attention',
  warning: 'Watch',
  info: 'Activity',
  ok: 'Healthy',
};

/** The Platform Ops page's path, or undefined in an app that shows the cards without the page. */
function usePlatformOpsPath(): string | undefined {
  // useRouteRef throws when the route is not mounted; it does so on every render alike.
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

const Row = ({ row, now, opsPath }: { row: HealthRow; now: number; opsPath?: string }) => (
  <Box display="flex" alignItems="baseline" py={0.25} data-testid={`health-row-${row.key}`}>
    <Box flexShrink={0} style={{ whiteSpace: 'nowrap' }}>
      <Mark severity={row.severity}>{null}</Mark>
    </Box>
    <Typography variant="body2" style={{ minWidth: 0 }}>
      {row.subject && (
        <>
          <EntityRefLink entityRef={row.entityRef} title={row.subject} />{' '}
        </>
      )}
      {row.tab && opsPath ? <Link to={`${opsPath}/${row.tab}`}>{row.text}</Link> : row.text}
      {row.since && (
        <Typography component="span" variant="body2" color="textSecondary" style={{ whiteSpace: 'nowrap' }}>
          {' '}
          · for {ago(row.since, now).replace(/ ago$/, '')}
        </Typography>
      )}
    </Typography>
  </Box>
);

/** What the strip shows for a list it could not read: a problem in each environment, not "healthy". */
const unreadList = (list: string, environments: PlatformEnvironment[]) => (e: Error) => ({
  problems: environments.map(env => ({ environment: env.name, message: `${list}: ${e.message}` })),
});

/**
 * Health at a glance, one tile per environment: alarms in ALARM with since when, fleets
 * converging, queue age past its alarm, the month's budget and running runbooks, worst
 * first, each row linking to its entity; the queues and fleets past the first few counted
 * with a link to their tab, the others counted as healthy from the inventory. It reads only the
 * fleets and queues needing attention (?needsAttention=true), not every healthy one each
 * refresh; the lists are cached and shared by the backend, so it adds no AWS calls.
 */
export const HealthStrip = ({
  filter = () => true,
  title,
}: {
  filter?: (environment: PlatformEnvironment) => boolean;
  /** Heading above the tiles; none on an entity card (the card has its own title). */
  title?: string;
}) => {
  const api = useApi(platformOpsApiRef);
  const now = useNow(5_000);
  const opsPath = usePlatformOpsPath();
  const state = usePolled(
    async () => {
      const { environments } = await api.getEnvironments();
      const shown = environments.filter(filter);
      const [fleets, queues, executions, budgets] = await Promise.all([
        api.getFleets(undefined, ATTENTION).catch(unreadList('fleet list', shown)),
        api.getQueues(undefined, ATTENTION).catch(unreadList('queue list', shown)),
        api.listRunbookExecutions().catch(() => ({ executions: [] })),
        Promise.all(
          shown.map(env =>
            api
              .getCostBudget({ environment: env.name })
              .then((b): [string, BudgetStatus | Error] => [env.name, b])
              .catch((e: Error): [string, BudgetStatus | Error] => [env.name, e]),
          ),
        ),
      ]);
      return {
        fetchedAt: new Date().toISOString(),
        health: environmentHealth({
          environments: shown,
          fleets: 'fleets' in fleets ? fleets.fleets : [],
          queues: 'queues' in queues ? queues.queues : [],
          executions: executions.executions,
          budgets: new Map(budgets),
          problems: [...(fleets.problems ?? []), ...(queues.problems ?? [])],
        }),
      };
    },
    POLL_MS,
    [api],
  );
  if (!state.value) return state.loading ? <Progress /> : <ResponseErrorPanel error={state.error!} title="Health summary unavailable" />;
  const { health, fetchedAt } = state.value;
  return (
    <Box data-testid="health-strip">
      <Box display="flex" alignItems="baseline" justifyContent="space-between" mb={1}>
        <Typography variant="h6">{title ?? ''}</Typography>
        <Typography variant="caption" color="textSecondary" style={{ whiteSpace: 'nowrap' }}>
          Updated {ago(fetchedAt, now)} · refreshes every {POLL_MS / 1000} s
        </Typography>
      </Box>
      {health.length === 0 && <Typography variant="body2">No environment to summarise.</Typography>}
      <Grid container spacing={2}>
        {health.map(h => (
          <Grid item xs={12} md={health.length > 1 ? 4 : 12} key={h.environment.entityRef}>
            <Paper variant="outlined" style={{ padding: 12, height: '100%' }} data-testid={`health-${h.environment.name}`}>
              <Box display="flex" alignItems="baseline" justifyContent="space-between">
                <Typography variant="subtitle1">
                  <EntityRefLink entityRef={h.environment.entityRef} title={h.environment.title ?? h.environment.name} />
                </Typography>
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Mark severity={h.worst}>{WORST_LABEL[h.worst]}</Mark>
                </span>
              </Box>
              {h.problems.map(p => (
                <Typography key={p} variant="body2" color="error">
                  Could not read: {p}
                </Typography>
              ))}
              {h.rows.map(row => (
                <Row key={row.key} row={row} now={now} opsPath={opsPath} />
              ))}
            </Paper>
          </Grid>
        ))}
      </Grid>
    </Box>
  );
};
