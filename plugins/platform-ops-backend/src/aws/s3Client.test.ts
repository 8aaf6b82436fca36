import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import { notFoundAwsCode } from './errors';
import { startFakeAwsServer } from './__testUtils__/fakeAwsServer';
import { createTestGateway } from '../testUtils/createTestGateway';

/**
 * The real S3 client against a local endpoint: path-style addressing under an endpoint
 * override, SigV4 for s3 in the bucket's region, and S3's REST-XML error bodies parsed and
 * mapped (a missing configuration keeps its code, so readers can say "none configured").
 */
const prod = { accountId: '410987654321', region: 'us-east-1' };
const accounts = [{ accountId: '410987654321', accessKeyId: 'AKIAPRODEXAMPLE00001', secretAccessKey: 'prod-secret-xyz' }];

const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><BucketName>media</BucketName><RequestId>R1</RequestId><HostId>H1</HostId></Error>`;

describe('the S3 client (real SDK, local endpoint)', () => {
  it('reads bucket configuration path-style, signed for s3 in the bucket region', async () => {
    const server = await startFakeAwsServer(() => ({
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: '<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>',
    }));
    try {
      const { gateway } = createTestGateway({
        aws: { accounts },
        platformOps: { aws: { mode: 'aws', endpoints: { s3: server.url } } },
      });
      const out = await gateway.send(prod, 's3', new GetBucketVersioningCommand({ Bucket: 'media-prod' }));
      expect(out.Status).toBe('Enabled');
      expect(server.requests[0].method).toBe('GET');
      expect(server.requests[0].path).toBe('/media-prod/?versioning=');
      expect(server.requests[0].authorization).toMatch(/Credential=AKIAPRODEXAMPLE00001\/\d{8}\/us-east-1\/s3\/aws4_request/);
    } finally {
      await server.close();
    }
  });

  it('maps S3 XML errors: none-configured and NoSuchBucket keep their code (404), AccessDenied names the IAM action', async () => {
    const server = await startFakeAwsServer(req => {
      if (req.path.includes('replication')) {
        return { status: 404, headers: { 'content-type': 'application/xml' }, body: s3Error('ReplicationConfigurationNotFoundError', 'The replication configuration was not found') };
      }
      if (req.path.includes('lifecycle')) {
        return { status: 403, headers: { 'content-type': 'application/xml' }, body: s3Error('AccessDenied', 'Access Denied') };
      }
      return { status: 404, headers: { 'content-type': 'application/xml' }, body: s3Error('NoSuchBucket', 'The specified bucket does not exist') };
    });
    try {
      const { gateway } = createTestGateway({
        aws: { accounts },
        platformOps: { aws: { mode: 'aws', retry: { maxAttempts: 1 }, endpoints: { s3: server.url } } },
      });
      const replication = await gateway.send(prod, 's3', new GetBucketReplicationCommand({ Bucket: 'media-prod' })).catch(e => e);
      expect(replication.name).toBe('NotFoundError');
      expect(notFoundAwsCode(replication)).toBe('ReplicationConfigurationNotFoundError');
      const missing = await gateway.send(prod, 's3', new GetBucketVersioningCommand({ Bucket: 'media-prod' })).catch(e => e);
      expect(notFoundAwsCode(missing)).toBe('NoSuchBucket');
      const lifecycle = await gateway.send(prod, 's3', new GetBucketLifecycleConfigurationCommand({ Bucket: 'media-prod' })).catch(e => e);
      expect(lifecycle.name).toBe('NotAllowedError');
      expect(lifecycle.message).toBe('the platform-ops role in 410987654321 may not call s3:GetLifecycleConfiguration');
    } finally {
      await server.close();
    }
  });
});
