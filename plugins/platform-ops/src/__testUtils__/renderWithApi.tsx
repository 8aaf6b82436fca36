import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { PlatformOpsApi, platformOpsApiRef } from '../api';

/**
 * Renders a Platform Ops component in a test app with a (partial) PlatformOpsApi and the
 * catalog's entity route mounted, so EntityRefLinks resolve as in the real app.
 */
export function renderWithApi(element: ReactElement, api: Partial<PlatformOpsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[platformOpsApiRef, api]]}>{element}</TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
