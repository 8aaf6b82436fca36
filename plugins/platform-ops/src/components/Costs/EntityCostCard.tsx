import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { platformOpsApiRef } from '../../api';
import { BudgetChart, BudgetSummary } from './BudgetPanel';
import { CostSection } from './CostSection';
import { money, serviceLabel } from './format';

/**
 * On environment and system entity pages: month-to-date spend against the budget with the
 * forecast, the largest services, and the anomaly count. The scope is the entity itself
 * (a system covers its environments' cost tags).
 */
export const EntityCostCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(platformOpsApiRef);
  const budget = useAsync(
    () => api.getCostBudget({ entityRef }),
    [api, entityRef],
  );
  const anomalies = useAsync(
    () => api.getCostAnomalies({ entityRef }),
    [api, entityRef],
  );

  return (
    <CostSection title="Costs" state={budget}>
      {status => {
        const signals = anomalies.value
          ? anomalies.value.anomalies.length + anomalies.value.increases.length
          : undefined;
        return (
          <>
            <BudgetSummary status={status} />
            <BudgetChart status={status} height={180} />
            <Typography variant="subtitle2">
              Largest services month-to-date
            </Typography>
            {status.topServices.map(s => (
              <Box key={s.name} display="flex" justifyContent="space-between">
                <Typography variant="body2">{serviceLabel(s.name)}</Typography>
                <Typography variant="body2">
                  {money(s.amount, status.currency)}
                </Typography>
              </Box>
            ))}
            {signals !== undefined && (
              <Typography variant="body2" style={{ marginTop: 8 }}>
                {signals === 0
                  ? 'No cost anomalies'
                  : `${signals} cost anomal${
                      signals === 1 ? 'y' : 'ies'
                    } or increases: see the Costs tab of the Platform Ops page`}
              </Typography>
            )}
          </>
        );
      }}
    </CostSection>
  );
};
