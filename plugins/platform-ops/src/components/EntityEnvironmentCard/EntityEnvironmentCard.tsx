import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { platformOpsApiRef } from '../../api';
import { ResourcesTable } from '../EnvironmentsView/ResourcesTable';

/** On an environment Resource: where it lives and the AWS resources the catalog declares in it. */
export const EntityEnvironmentCard = () => {
  const { entity } = useEntity();
  const api = useApi(platformOpsApiRef);
  const name = entity.metadata.name;
  const { value, loading, error } = useAsync(() => api.getEnvironment(name), [api, name]);

  return (
    <InfoCard title="Environment">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          <StructuredMetadataTable
            metadata={{
              tier: value.tier,
              account: value.location.accountId,
              region: value.location.region,
              'DR region': value.drRegion ?? 'none',
              'cost tag': value.costTag,
            }}
          />
          <ResourcesTable title="AWS resources" resources={value.resources} />
        </>
      )}
    </InfoCard>
  );
};
