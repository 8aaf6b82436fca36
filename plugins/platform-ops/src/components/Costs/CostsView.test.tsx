import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformOpsApi } from '../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { installResizeObserver } from '../shared/testResizeObserver';
import { CostsView } from './CostsView';
import { costFixtures } from './testCosts';

installResizeObserver();
jest.setTimeout(30_000);

function mockApi(overrides: Partial<PlatformOpsApi> = {}) {
  const f = costFixtures();
  return {
    getEnvironments: jest.fn(async () => ({
      environments: [
        { name: 'dev', title: 'dev environment' },
        { name: 'prod', title: 'prod environment' },
      ] as Awaited<
        ReturnType<PlatformOpsApi['getEnvironments']>
      >['environments'],
      problems: [],
    })),
    getCostSpend: jest.fn(async (q?: { granularity?: string }) =>
      q?.granularity === 'MONTHLY' ? f.monthly : f.daily,
    ),
    getCostBudget: jest.fn(async () => f.budget),
    getCostAnomalies: jest.fn(async () => f.anomalies),
    getUnitEconomics: jest.fn(async () => f.unit),
    ...overrides,
  };
}

describe('CostsView', () => {
  it('shows budget, forecast, spend, cost per job, spot savings and anomalies with currency, period and data age', async () => {
    const api = mockApi();
    await renderWithApi(<CostsView />, api);

    expect(
      await screen.findByText('USD 1,940.00 month-to-date, Nov 2026'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '74.62 % of the USD 2,600.00 monthly budget (AWS Budgets: prod-monthly)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Forecast USD 3,220.00 for Nov 2026 (Cost Explorer forecast)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Forecast crosses the budget on 25 Nov'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Daily spend by service: USD 3,720.00, 21 Oct - 20 Nov 2026 (per day, UTC)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Monthly spend by environment: USD 15,400.50, 1 Jun - 20 Nov 2026 (per month, UTC)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('USD 0.0269')).toBeInTheDocument();
    expect(
      screen.getByText(
        /USD 26\.88 GPU fleet cost \/ 1,000 jobs over 1 day with completed jobs/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('USD 30.93')).toBeInTheDocument();
    expect(
      screen.getByText(
        'GPU instance types of EC2 compute tagged environment=prod',
      ),
    ).toBeInTheDocument();

    const anomalies = await screen.findByText('Anomalies (2)');
    const table = anomalies.closest('div[class*="MuiPaper"]') as HTMLElement;
    expect(within(table).getByText('USD 154.32 (+48.5 %)')).toBeInTheDocument();
    expect(
      within(table).getByText(
        'EC2 - Compute / SpotUsage:g4dn.xlarge / us-east-1 / prod (USD 150.00)',
      ),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('USD 30.00 vs USD 20.00 a day (+50 %)'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('> 20 % over the previous 7 days'),
    ).toBeInTheDocument();

    // Every panel says how old its data is.
    expect(screen.getAllByText('updated 12 min ago')).toHaveLength(5);
    // The platform first: no scope in the requests.
    expect(api.getCostBudget).toHaveBeenCalledWith({});
    expect(api.getCostSpend).toHaveBeenCalledWith({
      granularity: 'DAILY',
      groupBy: 'SERVICE',
    });
    expect(api.getCostSpend).toHaveBeenCalledWith({
      granularity: 'MONTHLY',
      groupBy: 'ENVIRONMENT',
    });
  });

  it('asks for one environment when it is selected', async () => {
    const user = userEvent.setup();
    const api = mockApi();
    await renderWithApi(<CostsView />, api);
    await screen.findByText('USD 1,940.00 month-to-date, Nov 2026');

    await user.click(screen.getByText('Whole platform'));
    await user.click(
      await screen.findByRole('option', { name: 'prod environment' }),
    );

    await waitFor(() =>
      expect(api.getCostBudget).toHaveBeenLastCalledWith({
        environment: 'prod',
      }),
    );
    expect(api.getCostAnomalies).toHaveBeenLastCalledWith({
      environment: 'prod',
    });
    expect(api.getUnitEconomics).toHaveBeenLastCalledWith({
      environment: 'prod',
    });
    expect(api.getCostSpend).toHaveBeenLastCalledWith({
      environment: 'prod',
      granularity: 'MONTHLY',
      groupBy: 'ENVIRONMENT',
    });
  });

  it('shows what AWS refused in its panel and keeps the other panels', async () => {
    const api = mockApi({
      getCostBudget: jest.fn(async () => {
        throw new Error(
          'the platform-ops role in 410987654321 may not call ce:GetCostForecast',
        );
      }),
    });
    await renderWithApi(<CostsView />, api);
    expect(
      (
        await screen.findAllByText(
          /the platform-ops role in 410987654321 may not call ce:GetCostForecast/,
        )
      )[0],
    ).toBeInTheDocument();
    expect(
      screen.queryByText('USD 1,940.00 month-to-date, Nov 2026'),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByText(
        'Daily spend by service: USD 3,720.00, 21 Oct - 20 Nov 2026 (per day, UTC)',
      ),
    ).toBeInTheDocument();
  });
});
