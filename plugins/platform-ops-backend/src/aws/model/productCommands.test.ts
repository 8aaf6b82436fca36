import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { importedAwsCommands } from '../__testUtils__/importedAwsCommands';
import { operationModel } from './awsApiModel';

describe("every AWS command the product's source can send", () => {
  const commands = importedAwsCommands();

  it('is found by the scan (guards the scan itself)', () => {
    const ops = commands.map(c => `${c.service}.${c.operation}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        'autoScaling.SetDesiredCapacity',
        'route53.ChangeResourceRecordSets',
        'costExplorer.GetCostAndUsage',
      ]),
    );
  });

  it("exists in AWS's published API model, under the service the product sends it to", () => {
    const unknown = commands
      .filter(c => !operationModel(c.service, c.operation))
      .map(c => `${c.service}.${c.operation} (${c.file})`);
    expect(unknown).toEqual([]);
  });

  it('is answered by the simulated account, so every control can be tried in the embedded default', async () => {
    const implemented = new Set(await testAccount().account.operations());
    const missing = [
      ...new Set(commands.map(c => `${c.service}.${c.operation}`)),
    ].filter(op => !implemented.has(op));
    expect(missing).toEqual([]);
  });
});
