import { ComponentType } from 'react';
import { CostsView } from '../Costs';
import { EnvironmentsView } from '../EnvironmentsView';
import { FleetView } from '../Fleet';
import { QueuesView } from '../Queues';
import { RunbooksView } from '../Runbooks';

/**
 * The tabs of the Platform Ops page, in order. One list serves both frontend systems: the
 * new one makes a SubPageBlueprint per entry (alpha.tsx), the legacy page a TabbedLayout
 * route (PlatformOpsPage.tsx). A capability adds its view here.
 */
export interface OpsView {
  path: string;
  title: string;
  component: ComponentType<{}>;
}

export const opsViews: OpsView[] = [
  { path: 'environments', title: 'Environments', component: EnvironmentsView },
  { path: 'fleet', title: 'Fleet', component: FleetView },
  { path: 'queues', title: 'Queues', component: QueuesView },
  { path: 'costs', title: 'Costs', component: CostsView },
  { path: 'runbooks', title: 'Runbooks', component: RunbooksView },
];
