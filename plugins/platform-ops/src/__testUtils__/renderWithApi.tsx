import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult, EvaluatePermissionRequest } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { PlatformOpsApi, platformOpsApiRef } from '../api';
import { rootRouteRef } from '../routes';

/** What the permission backend answers in a test (default: everything is allowed). */
export type TestAuthorize =
  | AuthorizeResult.ALLOW
  | AuthorizeResult.DENY
  | ((request: EvaluatePermissionRequest) => AuthorizeResult.ALLOW | AuthorizeResult.DENY);

/**
 * Renders a Platform Ops component in a test app with a (partial) PlatformOpsApi, a permission
 * API answering `authorize`, and the catalog's entity route and the Platform Ops page mounted,
 * so EntityRefLinks and links to its tabs resolve as in the real app.
 */
export function renderWithApi(
  element: ReactElement,
  api: Partial<PlatformOpsApi>,
  options: { authorize?: TestAuthorize } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [platformOpsApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: options.authorize ?? AuthorizeResult.ALLOW })],
      ]}
    >
      {/* usePermission caches answers in SWR's global cache: a fresh one per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef, '/platform-ops': rootRouteRef } },
  );
}
