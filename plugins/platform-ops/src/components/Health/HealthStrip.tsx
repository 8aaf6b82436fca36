import {
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Grid, Paper, Typography } from '@material-ui/core';
import { BudgetStatus, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { ReactNode } from 'react';
import { platformOpsApiRef } from '../../api';
import { ago, useNow } from '../shared/UpdatedAgo';
import { usePolled } from '../shared/usePolled';
import { environmentHealth, HealthRow, Severity } from './healthSignals';

const POLL_MS = 15_000;

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

const Row = ({ row, now }: { row: HealthRow; now: number }) => (
  <Box display="flex" alignItems="baseline" py={0.25} data-testid={`health-row-${row.key}`}>
    <Box flexShrink={0} style={{ whiteSpace: 'nowrap' }}>
      <Mark severity={row.severity}>{null}</Mark>
    </Box>
    <Typography variant="body2" style={{ minWidth: 0 }}>
      <EntityRefLink entityRef={row.entityRef} title={row.subject} /> {row.text}
      {row.since && (
        <Typography component="span" variant="body2" color="textSecondary" style={{ whiteSpace: 'nowrap' }}>
          {' '}
          · for {ago(row.since, now).replace(/ ago$/, '')}
        </Typography>
      )}
    </Typography>
  </Box>
);

/**
 * Health at a glance, one tile per environment: alarms in ALARM with since when, fleets
 * converging, queue age against its alarm, the month's budget and running runbooks, worst
 * first, each row linking to its entity. Composed from the same reads as the tabs (cached
 * and shared by the backend), so it adds no AWS calls of its own.
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
  const state = usePolled(
    async () => {
      const { environments } = await api.getEnvironments();
      const shown = environments.filter(filter);
      const [fleets, queues, executions, budgets] = await Promise.all([
        api.getFleets().catch(() => ({ fleets: [], problems: [] })),
        api.getQueues().catch(() => ({ queues: [], problems: [] })),
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
          fleets: fleets.fleets,
          queues: queues.queues,
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
                <Row key={row.key} row={row} now={now} />
              ))}
            </Paper>
          </Grid>
        ))}
      </Grid>
    </Box>
  );
};
