import { Content, Header, Page, TabbedLayout } from '@backstage/core-components';
import { opsViews } from './opsViews';

/** The Platform Ops page for apps on the legacy frontend system. */
export const PlatformOpsPage = () => (
  <Page themeId="tool">
    <Header
      title="Platform Ops"
      subtitle="Environments, GPU fleets, queues, costs and DR runbooks of your AWS platform"
    />
    <TabbedLayout>
      {opsViews.map(({ path, title, component: View }) => (
        <TabbedLayout.Route key={path} path={path} title={title}>
          <Content>
            <View />
          </Content>
        </TabbedLayout.Route>
      ))}
    </TabbedLayout>
  </Page>
);
