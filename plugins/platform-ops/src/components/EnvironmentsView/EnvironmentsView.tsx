import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Chip, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { platformOpsApiRef } from '../../api';
import { ResourcesTable } from './ResourcesTable';
import { HealthStrip } from '../Health';

/** Every environment of the inventory with its AWS resources, and what the inventory could not use. */
export const EnvironmentsView = () => {
  const api = useApi(platformOpsApiRef);
  const { value, loading, error } = useAsync(() => api.getEnvironments(), [api]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.environments.length === 0) {
    return (
      <WarningPanel title="No environments in the catalog">
        Platform Ops lists Resource entities of spec.type environment. Register them with the
        platform-ops.io/aws-account-id, aws-region and tier annotations (see the plugin README).
      </WarningPanel>
    );
  }

  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        <HealthStrip title="Health of every environment" />
      </Grid>
      {value.problems.length > 0 && (
        <Grid item>
          <WarningPanel
            severity="warning"
            defaultExpanded
            title={`${value.problems.length} catalog entities could not be used`}
          >
            <ul>
              {value.problems.map(p => (
                <li key={`${p.entityRef}:${p.message}`}>
                  <EntityRefLink entityRef={p.entityRef} />: {p.message}
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Grid>
      )}
      {value.environments.map(env => (
        <Grid item key={env.entityRef} data-testid={`environment-${env.name}`}>
          <Typography variant="h5">
            <EntityRefLink entityRef={env.entityRef} title={env.title ?? env.name} />{' '}
            <Chip size="small" label={env.tier} color={env.tier === 'prod' ? 'secondary' : 'default'} />
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Account {env.location.accountId} · {env.location.region}
            {env.drRegion ? ` · DR ${env.drRegion}` : ''} · cost tag {env.costTag}
            {env.description ? ` · ${env.description}` : ''}
          </Typography>
          <ResourcesTable
            title={`${env.resources.length} AWS resources`}
            resources={env.resources}
          />
        </Grid>
      ))}
    </Grid>
  );
};
