export { PlatformOpsPage } from './PlatformOpsPage';
export { opsViews } from './opsViews';
export type { OpsView } from './opsViews';
