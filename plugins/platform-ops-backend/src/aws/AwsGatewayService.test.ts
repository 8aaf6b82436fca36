import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import Router from 'express-promise-router';
import request from 'supertest';
import { awsGatewayServiceRef } from './AwsGatewayService';
import { simulatedAwsHandlerServiceRef } from './simulatedAwsHandlerRef';
import { SimulatedCall } from './simulatorContract';

/** A plugin that uses the gateway the way the capabilities do. */
const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: { aws: awsGatewayServiceRef, httpRouter: coreServices.httpRouter },
      async init({ aws, httpRouter }) {
        const router = Router();
        router.get('/asg', async (_req, res) => {
          const out = await aws.send(
            { accountId: '410987654321', region: 'us-east-1' },
            'autoScaling',
            new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['prod-gpu-workers'] }),
          );
          res.json({ mode: aws.mode, names: out.AutoScalingGroups?.map(g => g.AutoScalingGroupName) });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/asg', allow: 'unauthenticated' });
      },
    });
  },
});

describe('awsGatewayServiceRef in a backend', () => {
  it('builds the gateway from config and uses the simulated account that is installed', async () => {
    const calls: SimulatedCall[] = [];
    const { server } = await startTestBackend({
      features: [
        probePlugin,
        mockServices.rootConfig.factory({ data: { platformOps: { aws: { mode: 'simulated' } } } }),
        createServiceFactory({
          service: simulatedAwsHandlerServiceRef,
          deps: {},
          factory: () => ({
            async handle(call: SimulatedCall) {
              calls.push(call);
              return { AutoScalingGroups: [{ AutoScalingGroupName: 'prod-gpu-workers' }] };
            },
          }),
        }),
      ],
    });

    const res = await request(server).get('/api/probe/asg');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'simulated', names: ['prod-gpu-workers'] });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      service: 'autoScaling',
      operation: 'DescribeAutoScalingGroups',
      input: { AutoScalingGroupNames: ['prod-gpu-workers'] },
      location: { accountId: '410987654321', region: 'us-east-1' },
    });
  });

  it('refuses to start with invalid platformOps.aws config', async () => {
    await expect(
      startTestBackend({
        features: [
          probePlugin,
          mockServices.rootConfig.factory({ data: { platformOps: { aws: { mode: 'real' } } } }),
        ],
      }),
    ).rejects.toThrow(/platformOps\.aws\.mode/);
  });
});
