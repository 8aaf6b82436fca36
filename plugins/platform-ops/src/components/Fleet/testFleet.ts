import { FleetListItem, FleetStatus } from '@platformops/plugin-platform-ops-common';

/** A prod fleet as the backend answers it, for component tests. */
export function prodFleet(overrides: Partial<FleetStatus> = {}): FleetStatus {
  return {
    entityRef: 'resource:default/prod-gpu-fleet',
    name: 'prod-gpu-fleet',
    environment: 'prod',
    asgName: 'prod-gpu-workers',
    location: { accountId: '410987654321', region: 'us-east-1' },
    consoleUrl: 'https://console',
    found: true,
    desiredCapacity: 5,
    minSize: 2,
    maxSize: 20,
    inService: 4,
    pending: 1,
    terminating: 0,
    instances: [
      { instanceType: 'g4dn.xlarge', lifecycle: 'on-demand', count: 2, unitHourlyUsd: 0.526 },
      { instanceType: 'g4dn.xlarge', lifecycle: 'spot', count: 3, unitHourlyUsd: 0.158 },
    ],
    lifecycleSource: 'ec2',
    distribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 30, instanceTypes: ['g4dn.xlarge'] },
    suspendedProcesses: [],
    enabledMetrics: [],
    policies: [],
    scheduledActions: [],
    activities: [],
    hourlyUsd: 1.526,
    backlog: {
      queueRef: 'resource:default/prod-jobs-queue',
      visible: 120,
      perInstance: 30,
      emptyForMinutes: 0,
      series: [{ timestamp: '2026-11-20T11:59:00.000Z', visible: 120, perInstance: 30 }],
    },
    recommendation: {
      desiredCapacity: 10,
      hourlyUsd: 2.84,
      direction: 'up',
      reason: '120 visible messages needs 10 worker(s) by the step rule',
      rule: { steps: [], scaleUpAbove: 100, scaleDownBelow: 20, scaleInAfterEmptyMinutes: 10 },
    },
    guardrail: { maxGpuInstances: 20, maxHourlyUsd: 25, configKey: 'platformOps.guardrails.environments.prod' },
    fetchedAt: '2026-11-20T12:00:00.000Z',
    ...overrides,
  };
}

/** The same fleet as GET /fleets lists it: the table's fields only. */
export function prodFleetListItem(overrides: Partial<FleetListItem> = {}): FleetListItem {
  return {
    entityRef: 'resource:default/prod-gpu-fleet',
    environment: 'prod',
    asgName: 'prod-gpu-workers',
    found: true,
    desiredCapacity: 5,
    minSize: 2,
    maxSize: 20,
    inService: 4,
    pending: 1,
    terminating: 0,
    distribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 30 },
    hourlyUsd: 1.526,
    backlog: { queueRef: 'resource:default/prod-jobs-queue', visible: 120, perInstance: 30 },
    recommendation: {
      desiredCapacity: 10,
      hourlyUsd: 2.84,
      direction: 'up',
      reason: '120 visible messages needs 10 worker(s) by the step rule',
    },
    ...overrides,
  };
}
