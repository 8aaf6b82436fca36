import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { AwsGateway } from '../../aws/types';
import { createTestGateway } from '../../testUtils/createTestGateway';
import { exampleInventory } from '../__testUtils__/harness';
import { ReadAws, RunbookTarget } from '../types';
import { readFailoverState } from './route53';

/*
 * The Route 53 reader against the simulated account through the real SDK client (apart from
 * route53Paging.test.ts, whose aws-sdk-client-mock replaces every Route53Client's send).
 */
async function prodTarget(): Promise<RunbookTarget> {
  const environment = await exampleInventory().getEnvironment('prod');
  return { entityRef: 'resource:default/prod', environment };
}

function readAws(gateway: AwsGateway): ReadAws {
  return {
    send: call => gateway.send(call.location, call.service, call.command),
    now: () => new Date('2026-11-20T12:00:00Z'),
  };
}

describe('Route 53 records of the environment, read from the simulated account', () => {
  it('pages the simulated account exactly as AWS does: the wire query carries maxitems and the Next* tokens', async () => {
    const { account } = testAccount();
    const calls: Array<{ input: Record<string, unknown>; query: URLSearchParams; answer: Record<string, unknown> }> = [];
    const { gateway } = createTestGateway(
      { platformOps: { aws: { mode: 'simulated' } } },
      {
        handle: async call => {
          // One record per page, so the pair takes two pages (the product asks for 300).
          const answer = await account.handle({ ...call, input: { ...call.input, MaxItems: 1 } });
          calls.push({ input: call.input, query: new URLSearchParams(call.request?.query), answer });
          return answer;
        },
      },
    );

    const state = await readFailoverState(readAws(gateway), await prodTarget());

    expect(state.primary.Failover).toBe('PRIMARY');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0].query.get('maxitems')).toBe('300');
    expect(calls[0].query.get('name')).toBe('api.video.example.com.');
    expect(calls[1].input).toMatchObject({
      StartRecordName: calls[0].answer.NextRecordName,
      StartRecordType: calls[0].answer.NextRecordType,
    });
    expect(calls[1].query.get('type')).toBe(calls[0].answer.NextRecordType);
    expect(calls[1].query.get('identifier')).toBe(calls[0].answer.NextRecordIdentifier);
  });
});
