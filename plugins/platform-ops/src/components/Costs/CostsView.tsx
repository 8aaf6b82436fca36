import { useApi } from '@backstage/core-plugin-api';
import {
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
} from '@material-ui/core';
import { CostScopeQuery } from '@platformops/plugin-platform-ops-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformOpsApiRef } from '../../api';
import { AnomaliesList } from './AnomaliesList';
import { BudgetChart, BudgetSummary } from './BudgetPanel';
import { CostSection } from './CostSection';
import { SpendChart } from './DailySpendChart';
import { UnitEconomicsPanel } from './UnitEconomicsPanel';

const PLATFORM = '__platform__';

/**
 * The Costs tab: daily spend by service, monthly spend by environment, month-to-date vs budget
 * with the forecast, anomalies, cost per processed job and spot savings, for the platform or
 * one environment. Every panel says how old its data is.
 */
export const CostsView = () => {
  const api = useApi(platformOpsApiRef);
  const [selected, setSelected] = useState(PLATFORM);
  const scope: CostScopeQuery =
    selected === PLATFORM ? {} : { environment: selected };
  const environments = useAsync(() => api.getEnvironments(), [api]);
  const daily = useAsync(
    () =>
      api.getCostSpend({ ...scope, granularity: 'DAILY', groupBy: 'SERVICE' }),
    [api, selected],
  );
  const monthly = useAsync(
    () =>
      api.getCostSpend({
        ...scope,
        granularity: 'MONTHLY',
        groupBy: 'ENVIRONMENT',
      }),
    [api, selected],
  );
  const budget = useAsync(() => api.getCostBudget(scope), [api, selected]);
  const anomalies = useAsync(
    () => api.getCostAnomalies(scope),
    [api, selected],
  );
  const unit = useAsync(() => api.getUnitEconomics(scope), [api, selected]);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FormControl variant="outlined" size="small" style={{ minWidth: 220 }}>
          <InputLabel id="costs-scope-label">Scope</InputLabel>
          <Select
            labelId="costs-scope-label"
            label="Scope"
            value={selected}
            onChange={e => setSelected(String(e.target.value))}
            inputProps={{ 'data-testid': 'costs-scope' }}
          >
            <MenuItem value={PLATFORM}>Whole platform</MenuItem>
            {(environments.value?.environments ?? []).map(env => (
              <MenuItem key={env.name} value={env.name}>
                {env.title ?? env.name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
      <Grid item xs={12} md={6}>
        <CostSection title="Month-to-date vs budget" state={budget}>
          {status => (
            <>
              <BudgetSummary status={status} />
              <BudgetChart status={status} />
            </>
          )}
        </CostSection>
      </Grid>
      <Grid item xs={12} md={6}>
        <CostSection title="Spend by environment" state={monthly}>
          {report => (
            <SpendChart report={report} title="Monthly spend by environment" />
          )}
        </CostSection>
      </Grid>
      <Grid item xs={12}>
        <CostSection title="Daily spend by service" state={daily}>
          {report => (
            <SpendChart
              report={report}
              title="Daily spend by service"
              height={300}
            />
          )}
        </CostSection>
      </Grid>
      <Grid item xs={12}>
        <CostSection
          title="Cost per processed job and spot savings"
          state={unit}
        >
          {report => <UnitEconomicsPanel report={report} />}
        </CostSection>
      </Grid>
      <Grid item xs={12}>
        <CostSection title="Anomalies" state={anomalies}>
          {report => <AnomaliesList report={report} />}
        </CostSection>
      </Grid>
    </Grid>
  );
};
