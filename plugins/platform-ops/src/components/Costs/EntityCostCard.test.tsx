import { EntityProvider } from '@backstage/plugin-catalog-react';
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

describe('EntityCostCard', () => {
  it('shows the entity month-to-date vs budget, forecast, largest services, anomalies and data age', async () => {
    const f = costFixtures();
    const api = {
      getCostBudget: jest.fn(async () => ({
        ...f.budget,
        forecastCrossesBudgetOn: undefined,
      })),
      getCostAnomalies: jest.fn(async () => f.anomalies),
    };
    await renderWithApi(
      <EntityProvider entity={system}>
        <EntityCostCard />
      </EntityProvider>,
      api,
    );

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
    const f = costFixtures();
    const api = {
      getCostBudget: jest.fn(async () => ({
        ...f.budget,
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
      })),
      getCostAnomalies: jest.fn(async () => f.anomalies),
    };
    await renderWithApi(
      <EntityProvider entity={system}>
        <EntityCostCard />
      </EntityProvider>,
      api,
    );
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
    const f = costFixtures();
    await renderWithApi(
      <EntityProvider entity={system}>
        <EntityCostCard />
      </EntityProvider>,
      {
        getCostBudget: jest.fn(async () => ({
          ...f.budget,
          monthToDate: 2700,
          percentOfBudget: 103.85,
        })),
        getCostAnomalies: jest.fn(async () => ({
          ...f.anomalies,
          anomalies: [],
          increases: [],
        })),
      },
    );
    expect(await screen.findByText('Over budget')).toBeInTheDocument();
    expect(
      screen.getByText(
        '103.85 % of the USD 2,600.00 monthly budget (AWS Budgets: prod-monthly)',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('No cost anomalies')).toBeInTheDocument();
  });

  it('does not repeat where a summed budget comes from', async () => {
    const f = costFixtures();
    await renderWithApi(
      <EntityProvider entity={system}>
        <EntityCostCard />
      </EntityProvider>,
      {
        getCostBudget: jest.fn(async () => ({
          ...f.budget,
          budget: {
            ...f.budget.budget,
            name: 'video-platform: sum of 3 environment budgets (AWS Budgets)',
            amount: 5535,
          },
          percentOfBudget: 35.05,
        })),
        getCostAnomalies: jest.fn(async () => f.anomalies),
      },
    );
    expect(
      await screen.findByText(
        '35.05 % of the USD 5,535.00 monthly budget (video-platform: sum of 3 environment budgets (AWS Budgets))',
      ),
    ).toBeInTheDocument();
  });
});
