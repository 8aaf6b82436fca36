import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';

export interface EncryptionKeyProps {
  name: string;
  region: string;
  provider?: TerraformProvider;
}

/**
 * One customer-managed key per environment and region for everything encrypted at rest.
 * The key policy lets CloudWatch Logs and CloudWatch alarms (SNS) use it; the account root
 * keeps full control so IAM policies keep working.
 */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, 'caller', { provider: props.provider });
    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: `${props.name} data at rest`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdmin',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${caller.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'ServicesUse',
            Effect: 'Allow',
            Principal: {
              Service: [`logs.${props.region}.amazonaws.com`, 'cloudwatch.amazonaws.com', 'sns.amazonaws.com'],
            },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
          },
        ],
      }),
    });
    new KmsAlias(this, 'alias', {
      provider: props.provider,
      name: `alias/${props.name}`,
      targetKeyId: this.key.keyId,
    });
  }
}
