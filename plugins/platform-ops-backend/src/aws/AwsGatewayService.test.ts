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
import { simulatedAwsServiceRef } from './simulatedAwsServiceRef';
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
          service: simulatedAwsServiceRef,
          deps: {},
          factory: () => ({
            account: {
              clock: { now: () => new Date() },
              handler: {
                async handle(call: SimulatedCall) {
                  calls.push(call);
                  return { AutoScalingGroups: [{ AutoScalingGroupName: 'prod-gpu-workers' }] };
                },
              },
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

  /** A simulated account that answers nothing: these tests only check the wiring. */
  const installed = createServiceFactory({
    service: simulatedAwsServiceRef,
    deps: {},
    factory: () => ({
      account: { clock: { now: () => new Date() }, handler: { handle: async () => ({}) } },
    }),
  });

  it('uses real AWS when no simulated account is installed and no mode is set', async () => {
    // Nothing would answer a call in-process (it would go to the network): read the mode.
    const modes: string[] = [];
    const reader = createBackendPlugin({
      pluginId: 'mode-reader',
      register(env) {
        env.registerInit({
          deps: { aws: awsGatewayServiceRef },
          async init({ aws }) {
            modes.push(aws.mode);
          },
        });
      },
    });
    await startTestBackend({ features: [reader, mockServices.rootConfig.factory({ data: {} })] });
    expect(modes).toEqual(['aws']);
  });

  it('uses the installed simulated account when no mode is set', async () => {
    const { server } = await startTestBackend({
      features: [probePlugin, installed, mockServices.rootConfig.factory({ data: {} })],
    });
    const res = await request(server).get('/api/probe/asg');
    expect(res.body.mode).toBe('simulated');
  });

  it('refuses mode simulated without a simulated account, naming the module to add', async () => {
    await expect(
      startTestBackend({
        features: [
          probePlugin,
          mockServices.rootConfig.factory({ data: { platformOps: { aws: { mode: 'simulated' } } } }),
        ],
      }),
    ).rejects.toThrow(/no simulated AWS account is installed: add @platformops\/plugin-platform-ops-backend-module-simulated-aws/);
  });

  it('refuses mode aws while a simulated account is installed (drills must not reach real AWS)', async () => {
    await expect(
      startTestBackend({
        features: [
          probePlugin,
          installed,
          mockServices.rootConfig.factory({ data: { platformOps: { aws: { mode: 'aws' } } } }),
        ],
      }),
    ).rejects.toThrow(/platformOps\.aws\.mode is aws, but a simulated AWS account is installed/);
  });
});
