import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { StateBackend } from '../constructs/state-backend';
import { names } from '../spec/naming';
import { ResolvedEnvironment } from '../spec/resolve';
import { awsProvider } from './provider';
import { tagRoles } from '../tagging/roles';

/** Bootstrap stack, applied once with local state, that holds every other stack's state. */
export class StateBackendStack extends TerraformStack {
  constructor(scope: Construct, id: string, env: ResolvedEnvironment) {
    super(scope, id);
    awsProvider(this, 'aws', env, env.region);
    tagRoles(this);
    const backend = new StateBackend(this, 'state', {
      bucketName: names.stateBucket(env.name, env.accountId),
      lockTableName: names.lockTable(env.name),
    });
    new TerraformOutput(this, 'state_bucket', { value: backend.bucket.bucket.bucket });
    new TerraformOutput(this, 'lock_table', { value: backend.lockTable.name });
  }
}
