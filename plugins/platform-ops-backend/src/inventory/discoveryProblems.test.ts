import { Entity } from '@backstage/catalog-model';
import { discoveryProblems } from './discoveryProblems';

const report = (problems: string, type = 'platform-ops-discovery'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: {
    name: 'platform-ops-discovery-510987654321-us-east-1',
    annotations: { 'platform-ops.io/discovery-problems': problems },
  },
  spec: { type },
});

describe('discoveryProblems', () => {
  it('reads the conflicts and failures a discovery report carries', () => {
    const problems = JSON.stringify([
      { entityRef: 'resource:default/prod-redis', message: 'discovered arn:aws:elasticache:... was not added' },
    ]);
    expect(discoveryProblems([report(problems)])).toEqual([
      { entityRef: 'resource:default/prod-redis', field: 'discovery', message: 'discovered arn:aws:elasticache:... was not added' },
    ]);
  });

  it('ignores other Locations and malformed items, and says when the report is not JSON', () => {
    expect(discoveryProblems([report('[{"entityRef":"x","message":"m"}]', 'url')])).toEqual([]);
    expect(discoveryProblems([report('[{"entityRef":1},"text"]')])).toEqual([]);
    expect(discoveryProblems([report('{not json')])).toEqual([
      {
        entityRef: 'location:default/platform-ops-discovery-510987654321-us-east-1',
        field: 'platform-ops.io/discovery-problems',
        message: 'the discovery report is not valid JSON',
      },
    ]);
  });
});
