import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AnomalyReport, BudgetStatus } from '@platformops/plugin-platform-ops-common';
import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { installResizeObserver } from '../shared/testResizeObserver';
import { EntityCostCard } from './EntityCostCard';
import { costFixtures } from './testCosts';

installResizeObserver();
jest.setTimeout(30_000);

const system = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'video-platform', namespace: 'default' },
  spec: { owner: 'platform-team' },
};

/**
 * The card on the video-platform system's page, its API answering the fixtures' budget and
 * anomalies as changed by `budget` / `anomalies`; the API's mocks, to check what was asked.
 */
async function renderCard(
  changes: {
    budget?: (fixture: BudgetStatus) => BudgetStatus;
    anomalies?: (fixture: AnomalyReport) => AnomalyReport;
  } = {},
) {
  const f = costFixtures();
  const api = {
    getCostBudget: jest.fn(async () => (changes.budget ?? (b => b))(f.budget)),
    getCostAnomalies: jest.fn(async () => (changes.anomalies ?? (a => a))(f.anomalies)),
  };
  await renderWithApi(
    <EntityProvider entity={system}>
      <EntityCostCard />
    </EntityProvider>,
    api,
  );
  return api;
}

describe('EntityCostCard', () => {
  it('shows the entity month-to-date vs budget, forecast, largest services, anomalies and data age', async () => {
    const api = await renderCard({ budget: b => ({ ...b, forecastCrossesBudgetOn: undefined }) });

    expect(
      await screen.findByText('USD 1,940.00 month-to-date, Nov 2026'),
    ).toBeInTheDocument();
    expect(api.getCostBudget).toHaveBeenCalledWith({
      entityRef: 'system:default/video-platform',
    });
    expect(api.getCostAnomalies).toHaveBeenCalledWith({
      entityRef: 'system:default/video-platform',
    });
    // No budget crossing, but the alert threshold is passed on the 21st.
    expect(
      screen.getByText('Forecast passes 80 % of the budget on 21 Nov'),
    ).toBeInTheDocument();
    expect(screen.getByText('EC2 - Compute')).toBeInTheDocument();
    expect(screen.getByText('USD 1,455.00')).toBeInTheDocument();
    expect(screen.getByText('RDS')).toBeInTheDocument();
    expect(
      await screen.findByText(
        '2 cost anomalies or increases: see the Costs tab of the Platform Ops page',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('updated 12 min ago')).toBeInTheDocument();
  });

  it('shows spend and budget with the missing forecast named where it would be', async () => {
    await renderCard({
      budget: b => ({
        ...b,
        forecastSource: 'run-rate' as const,
        problems: [
          {
            part: 'forecast',
            message: 'forecast unavailable: ce:GetCostForecast denied',
            iamAction: 'ce:GetCostForecast',
            fallback:
              'the month-to-date daily average extended to the end of the month',
          },
        ],
      }),
    });
    expect(
      await screen.findByText('USD 1,940.00 month-to-date, Nov 2026'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Part of this view is unavailable/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'forecast unavailable: ce:GetCostForecast denied (showing the month-to-date daily average extended to the end of the month instead)',
      ),
    ).toBeInTheDocument();
  });

  it('says over budget when month-to-date already exceeds it', async () => {
    await renderCard({
      budget: b => ({ ...b, monthToDate: 2700, percentOfBudget: 103.85 }),
      anomalies: a => ({ ...a, anomalies: [], increases: [] }),
    });
    expect(await screen.findByText('Over budget')).toBeInTheDocument();
    expect(
      screen.getByText(
        '103.85 % of the USD 2,600.00 monthly budget (AWS Budgets: prod-monthly)',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('No cost anomalies')).toBeInTheDocument();
  });

  it('does not repeat where a summed budget comes from', async () => {
    await renderCard({
      budget: b => ({
        ...b,
        budget: {
          ...b.budget,
          name: 'video-platform: sum of 3 environment budgets (AWS Budgets)',
          amount: 5535,
        },
        percentOfBudget: 35.05,
      }),
    });
    expect(
      await screen.findByText(
        '35.05 % of the USD 5,535.00 monthly budget (video-platform: sum of 3 environment budgets (AWS Budgets))',
      ),
    ).toBeInTheDocument();
  });
});
