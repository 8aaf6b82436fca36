export * from './PlatformOpsApi';
export * from './PlatformOpsClient';
