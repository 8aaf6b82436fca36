import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { FleetView } from './FleetView';
import { installResizeObserver } from '../shared/testResizeObserver';
import { prodFleetListItem } from './testFleet';

installResizeObserver();
jest.setTimeout(30_000);

describe('FleetView', () => {
  it('lists each fleet next to the queue it drains, with cost and recommendation, and names unreadable environments', async () => {
    await renderWithApi(<FleetView />, {
      getFleets: async () => ({
        fleets: [prodFleetListItem()],
        problems: [{ environment: 'staging', message: 'You may not autoscaling:DescribeAutoScalingGroups in 310987654321' }],
      }),
    });
    expect(await screen.findByText('prod-gpu-workers')).toBeInTheDocument();
    expect(screen.getByText('5 / 2 / 20')).toBeInTheDocument();
    expect(screen.getByText('70 % spot above 1 on-demand')).toBeInTheDocument();
    expect(screen.getByText('1.53')).toBeInTheDocument();
    expect(screen.getByText(/: 120 \(30 \/ instance\)/)).toBeInTheDocument();
    expect(screen.getByText('up to 10 ($2.84/h at spot share)')).toBeInTheDocument();
    expect(screen.getByText('Converging 4/5')).toBeInTheDocument();
    expect(screen.getByText(/Could not read staging/)).toBeInTheDocument();
  });

  it('says where fleets come from when there are none', async () => {
    await renderWithApi(<FleetView />, { getFleets: async () => ({ fleets: [], problems: [] }) });
    expect(await screen.findByText(/No Resource entities of spec.type gpu-fleet in the catalog yet/)).toBeInTheDocument();
  });

  it('shows the error when the backend refuses', async () => {
    await renderWithApi(<FleetView />, {
      getFleets: async () => {
        throw new Error('Service unavailable: AWS throttled the request');
      },
    });
    expect((await screen.findAllByText(/AWS throttled the request/))[0]).toBeInTheDocument();
  });
});
