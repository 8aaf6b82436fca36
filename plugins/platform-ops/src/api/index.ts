export * from './PlatformOpsApi';
export * from './PlatformOpsClient';
export * from './runbookTypes';
