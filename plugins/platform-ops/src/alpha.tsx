/**
 * Platform Ops for the new frontend system (createApp from @backstage/frontend-defaults):
 * the page with one tab per capability, the entity cards, the "Operations" entity tab and
 * the API. Install with `features: [platformOpsPlugin]` or package discovery.
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import CloudIcon from '@material-ui/icons/Cloud';
import { platformOpsApiRef, PlatformOpsClient } from './api';
import { entityCards } from './components/OperationsContent/entityCards';
import { hasOperations } from './components/shared/entityFilters';
import { opsViews } from './components/OpsPage/opsViews';
import { rootRouteRef } from './routes';

const platformOpsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: platformOpsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PlatformOpsClient(deps),
    }),
});

const platformOpsPage = PageBlueprint.make({
  params: {
    path: '/platform-ops',
    routeRef: rootRouteRef,
    title: 'Platform Ops',
    icon: <CloudIcon fontSize="inherit" />,
  },
});

const subPages = opsViews.map(view =>
  SubPageBlueprint.make({
    name: view.path,
    params: {
      path: view.path,
      title: view.title,
      loader: async () => {
        const { Content } = await import('@backstage/core-components');
        return (
          <Content>
            <view.component />
          </Content>
        );
      },
    },
  }),
);

const cards = entityCards.map(card =>
  EntityCardBlueprint.make({
    name: card.name,
    params: {
      filter: card.filter,
      loader: async () => <card.component />,
    },
  }),
);

const operationsContent = EntityContentBlueprint.make({
  name: 'operations',
  params: {
    path: 'operations',
    title: 'Operations',
    filter: hasOperations,
    loader: () =>
      import('./components/OperationsContent').then(m => <m.OperationsContent />),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'platform-ops',
  title: 'Platform Ops',
  icon: <CloudIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [platformOpsApi, platformOpsPage, ...subPages, ...cards, operationsContent],
});
