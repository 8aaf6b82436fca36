import { screen } from '@testing-library/react';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { PlatformOpsApi } from '../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { EnvironmentsView } from './EnvironmentsView';

const prod: PlatformEnvironment = {
  entityRef: 'resource:default/prod',
  name: 'prod',
  tier: 'prod',
  location: { accountId: '410987654321', region: 'us-east-1' },
  drRegion: 'us-west-2',
  costTag: 'prod',
  resources: [
    {
      kind: 'gpu-fleet',
      entityRef: 'resource:default/prod-gpu-fleet',
      name: 'prod-gpu-fleet',
      environment: 'prod',
      location: { accountId: '410987654321', region: 'us-east-1' },
      asgName: 'prod-gpu-workers',
      consoleUrl: 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#AutoScalingGroupDetails:id=prod-gpu-workers',
    },
  ],
};

function apiWith(getEnvironments: PlatformOpsApi['getEnvironments']): Partial<PlatformOpsApi> {
  return { getEnvironments };
}

describe('EnvironmentsView', () => {
  it('lists each environment with its resources and an AWS console link', async () => {
    const api = apiWith(async () => ({ environments: [prod], problems: [] }));
    await renderWithApi(<EnvironmentsView />, api);

    expect(await screen.findByTestId('environment-prod')).toBeInTheDocument();
    expect(screen.getByText(/Account 410987654321 · us-east-1 · DR us-west-2/)).toBeInTheDocument();
    expect(screen.getByText('prod-gpu-workers')).toBeInTheDocument();
    expect(screen.getByText('Open in console').closest('a')).toHaveAttribute(
      'href',
      prod.resources[0].consoleUrl,
    );
  });

  it('shows the entities the inventory could not use, with the reason', async () => {
    const api = apiWith(async () => ({
      environments: [prod],
      problems: [
        {
          entityRef: 'resource:default/broken-fleet',
          field: 'platform-ops.io/asg-name',
          message: 'annotation platform-ops.io/asg-name is missing',
        },
      ],
    }));
    await renderWithApi(<EnvironmentsView />, api);

    expect(await screen.findByText(/1 catalog entities could not be used/)).toBeInTheDocument();
    expect(screen.getByText(/annotation platform-ops.io\/asg-name is missing/)).toBeInTheDocument();
  });

  it('says how to declare environments when the catalog has none', async () => {
    const api = apiWith(async () => ({ environments: [], problems: [] }));
    await renderWithApi(<EnvironmentsView />, api);
    expect(await screen.findByText(/No environments in the catalog/)).toBeInTheDocument();
  });

  it('shows the backend error when the request fails', async () => {
    const api = apiWith(async () => {
      throw new Error('platform-ops backend unreachable');
    });
    await renderWithApi(<EnvironmentsView />, api);
    expect((await screen.findAllByText(/platform-ops backend unreachable/)).length).toBeGreaterThan(0);
  });
});
