import { EntityProvider } from '@backstage/plugin-catalog-react';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { screen } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { EntityResourceCard } from './EntityResourceCard';

jest.setTimeout(30_000);

const prod: PlatformEnvironment = {
  entityRef: 'resource:default/prod',
  name: 'prod',
  tier: 'prod',
  location: { accountId: '410987654321', region: 'us-east-1' },
  costTag: 'prod',
  resources: [
    {
      kind: 'bucket',
      entityRef: 'resource:default/prod-media-bucket',
      name: 'prod-media-bucket',
      environment: 'prod',
      location: { accountId: '410987654321', region: 'us-east-1' },
      bucketName: 'ai-video-media-prod-410987654321',
      consoleUrl: 'https://s3.console.aws.amazon.com/s3/buckets/ai-video-media-prod-410987654321',
    },
    {
      kind: 'database',
      entityRef: 'resource:default/prod-postgres',
      name: 'prod-postgres',
      environment: 'prod',
      location: { accountId: '410987654321', region: 'us-east-1' },
      dbInstanceId: 'prod-postgres',
      consoleUrl: 'https://console/rds',
    },
  ] as PlatformEnvironment['resources'],
};

const resource = (name: string, type: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations: { 'platform-ops.io/environment': 'prod' } },
  spec: { type, owner: 'platform-team' },
});

describe('EntityResourceCard', () => {
  it('a bucket gets a card (not "no operations") with where it lives and which runbook moves it', async () => {
    await renderWithApi(
      <EntityProvider entity={resource('prod-media-bucket', 'bucket')}>
        <EntityResourceCard />
      </EntityProvider>,
      {
        getEnvironment: async () => prod,
        listRunbookExecutions: async () => ({ executions: [] }),
        getResourceState: async () => ({ entityRef: 'resource:default/prod-media-bucket', kind: 'bucket', found: true, awsName: 'ai-video-media-prod-410987654321', facts: [], fetchedAt: new Date().toISOString() }),
      },
    );
    expect((await screen.findAllByText('ai-video-media-prod-410987654321')).length).toBeGreaterThan(0);
    expect(screen.getByText('account 410987654321, us-east-1')).toBeInTheDocument();
    expect(screen.getByText(/region failover of prod .* switches CloudFront to the bucket in the DR region/)).toBeInTheDocument();
    expect(screen.getByText('none yet')).toBeInTheDocument();
  });

  it('a database shows its last failover', async () => {
    const listRunbookExecutions = jest.fn(async () => ({
      executions: [
        {
          id: 'e1', runbookId: 'rds-multi-az-failover', targetRef: 'resource:default/prod-postgres', environment: 'prod',
          actor: 'user:default/guest', reason: 'AZ impaired', mode: 'live' as const, status: 'succeeded' as const, cancelRequested: false,
          createdAt: new Date(Date.now() - 120_000).toISOString(), startedAt: new Date(Date.now() - 120_000).toISOString(),
          finishedAt: new Date(Date.now() - 25_000).toISOString(),
        },
      ],
    }));
    await renderWithApi(
      <EntityProvider entity={resource('prod-postgres', 'database')}>
        <EntityResourceCard />
      </EntityProvider>,
      {
        getEnvironment: async () => prod,
        listRunbookExecutions,
        getResourceState: async () => ({
          entityRef: 'resource:default/prod-postgres',
          kind: 'database',
          found: true,
          awsName: 'prod-postgres',
          facts: [
            { label: 'status', value: 'available' },
            { label: 'primary AZ', value: 'us-east-1b' },
            { label: 'standby AZ', value: 'us-east-1a' },
          ],
          fetchedAt: new Date().toISOString(),
        }),
      },
    );
    // The new primary after a failover shows on the card, not only in the runbook log.
    expect(await screen.findByText('us-east-1b')).toBeInTheDocument();
    expect(screen.getByText('us-east-1a')).toBeInTheDocument();
    expect(await screen.findByTestId('last-runbook')).toHaveTextContent(/^rds-multi-az-failover succeeded 2\d s ago, by guest, took 95 s$/);
    expect(listRunbookExecutions).toHaveBeenCalledWith('resource:default/prod-postgres');
  });

  it('a database AWS does not have says the Terraform is not applied', async () => {
    await renderWithApi(
      <EntityProvider entity={resource('prod-postgres', 'database')}>
        <EntityResourceCard />
      </EntityProvider>,
      {
        getEnvironment: async () => prod,
        listRunbookExecutions: async () => ({ executions: [] }),
        getResourceState: async () => ({ entityRef: 'resource:default/prod-postgres', kind: 'database', found: false, awsName: 'prod-postgres', facts: [], fetchedAt: new Date().toISOString() }),
      },
    );
    expect(await screen.findByTestId('not-applied')).toHaveTextContent('AWS has no RDS database prod-postgres in account 410987654321 (us-east-1)');
  });
  it("a bucket shows replication, lifecycle, the daily size with its day, and a refused read's reason in place", async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    yesterday.setUTCHours(0, 0, 0, 0);
    await renderWithApi(
      <EntityProvider entity={resource('prod-media-bucket', 'bucket')}>
        <EntityResourceCard />
      </EntityProvider>,
      {
        getEnvironment: async () => prod,
        listRunbookExecutions: async () => ({ executions: [] }),
        getResourceState: async () => ({
          entityRef: 'resource:default/prod-media-bucket',
          kind: 'bucket',
          found: true,
          awsName: 'ai-video-media-prod-410987654321',
          facts: [
            { label: 'versioning', value: 'enabled' },
            { label: 'replication', value: 'could not be read', problem: 'the platform-ops role in 410987654321 may not call s3:GetReplicationConfiguration' },
            { label: 'lifecycle rule tiering', value: 'all objects: to Standard-IA after 90 days' },
            { label: 'size', value: '10.0 TB', asOf: yesterday.toISOString() },
          ],
          fetchedAt: new Date().toISOString(),
        }),
      },
    );
    expect(await screen.findByText('all objects: to Standard-IA after 90 days')).toBeInTheDocument();
    expect(screen.getByTestId('fact-problem')).toHaveTextContent(
      'could not be read: the platform-ops role in 410987654321 may not call s3:GetReplicationConfiguration',
    );
    const day = yesterday.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    expect(screen.getByTestId('fact-as-of')).toHaveTextContent(
      `as of ${day} (UTC day), the latest S3 has reported: it reports storage once a day`,
    );
    expect(screen.getByText('10.0 TB', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('Open in the AWS console').closest('a')).toHaveAttribute(
      'href',
      'https://s3.console.aws.amazon.com/s3/buckets/ai-video-media-prod-410987654321',
    );
  });
});
