import { BucketResource } from '@platformops/plugin-platform-ops-common';

/** A bucket of the staging account as the inventory carries it (the tests' AWS answers are their own). */
export const stagingBucket: BucketResource = {
  kind: 'bucket',
  entityRef: 'resource:default/staging-media-bucket',
  name: 'staging-media-bucket',
  environment: 'staging',
  location: { accountId: '310987654321', region: 'us-east-1' },
  bucketName: 'media-staging',
  consoleUrl: 'https://console/s3',
};
