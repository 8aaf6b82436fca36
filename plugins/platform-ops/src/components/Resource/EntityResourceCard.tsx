import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress, ResponseErrorPanel, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { PLATFORM_OPS_ANNOTATIONS, ResourceState, RunbookExecutionSummary } from '@platformops/plugin-platform-ops-common';
import { platformOpsApiRef } from '../../api';
import { awsIdentifier, KIND_LABELS } from '../shared/resourceIdentity';
import { ago, UpdatedAgo, useNow } from '../shared/UpdatedAgo';
import { NotApplied } from '../shared/NotApplied';
import { usePolled } from '../shared/usePolled';
import { FactValue } from './FactValue';

const POLL_MS = 15_000;

/** What AWS calls each kind, for "AWS has no <kind> <name>". */
const AWS_KIND_WORDS: Record<ResourceState['kind'], string> = {
  database: 'RDS database',
  cache: 'ElastiCache replication group',
  'ecs-service': 'ECS service',
  bucket: 'S3 bucket',
};

function lastAction(e: RunbookExecutionSummary, now: number): string {
  const when = ago(e.finishedAt ?? e.startedAt ?? e.createdAt, now);
  const took =
    e.startedAt && e.finishedAt ? `, took ${Math.round((Date.parse(e.finishedAt) - Date.parse(e.startedAt)) / 1000)} s` : '';
  return `${e.runbookId} ${e.status}${e.mode === 'drill' ? ' (drill)' : ''} ${when}, by ${e.actor.split('/').pop()}${took}`;
}

/**
 * On a database, cache, bucket or ECS service: its live state from AWS (primary AZ, primary
 * node, running tasks; a bucket's replication, lifecycle rules, versioning, size), which AWS resource it is, where it lives, a console link, and the last
 * DR runbook run on it, so a failover shows here and not only in a runbook log.
 */
export const EntityResourceCard = () => {
  const { entity } = useEntity();
  const api = useApi(platformOpsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const environment = entity.metadata.annotations?.[PLATFORM_OPS_ANNOTATIONS.environment];
  const now = useNow(5_000);
  const env = usePolled(
    () => (environment ? api.getEnvironment(environment) : Promise.reject(new Error('This entity names no environment'))),
    POLL_MS * 4,
    [api, environment],
  );
  const runs = usePolled(() => api.listRunbookExecutions(entityRef), POLL_MS, [api, entityRef]);
  const state = usePolled(() => api.getResourceState(entityRef), POLL_MS, [api, entityRef]);
  const resource = env.value?.resources.find(r => r.entityRef.toLowerCase() === entityRef.toLowerCase());
  const latest = runs.value?.executions[0];

  if (!env.value) {
    return (
      <InfoCard title="AWS resource">
        {env.loading ? <Progress /> : env.error && <ResponseErrorPanel error={env.error} />}
      </InfoCard>
    );
  }
  if (!resource) {
    return (
      <InfoCard title="AWS resource">
        <Typography variant="body2">
          The inventory of {environment} does not list this entity; the Environments tab of Platform Ops says why.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <InfoCard title={KIND_LABELS[resource.kind]} subheader={`${awsIdentifier(resource)} · ${resource.environment}`}>
      {state.value && !state.value.found && (
        <NotApplied
          what={`${AWS_KIND_WORDS[state.value.kind]} ${state.value.awsName}`}
          environment={resource.environment}
          accountId={resource.location.accountId}
          region={resource.location.region}
        />
      )}
      {state.error && <ResponseErrorPanel error={state.error} title="Could not read the live state from AWS" />}
      {state.value && state.value.facts.length > 0 && (
        <Box display="flex" justifyContent="flex-end">
          <UpdatedAgo fetchedAt={state.value.fetchedAt} everyMs={POLL_MS} />
        </Box>
      )}
      <StructuredMetadataTable
        metadata={{
          ...Object.fromEntries((state.value?.found ? state.value.facts : []).map(f => [f.label, <FactValue fact={f} />])),
          'AWS resource': awsIdentifier(resource),
          where: `account ${resource.location.accountId}, ${resource.location.region}`,
          environment: <EntityRefLink entityRef={env.value.entityRef} title={env.value.name} />,
          'last DR runbook': latest ? <span data-testid="last-runbook">{lastAction(latest, now)}</span> : 'none yet',
          console: (
            <Link to={resource.consoleUrl} target="_blank" rel="noopener">
              Open in the AWS console
            </Link>
          ),
        }}
      />
      {resource.kind === 'bucket' && (
        <Typography variant="body2" color="textSecondary" style={{ marginTop: 8 }}>
          A bucket has no runbook of its own: the region failover of {resource.environment} (on the environment's page)
          switches CloudFront to the bucket in the DR region.
        </Typography>
      )}
    </InfoCard>
  );
};
