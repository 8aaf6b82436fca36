import { Construct } from 'constructs';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';

export interface AppSecretsProps {
  name: string;
  kmsKeyArn: string;
  secrets: string[];
}

/**
 * Secrets Manager entries the application reads at runtime (seed 001: app keys, third-party
 * API keys). Only the containers are created; values are set out of band, never in Terraform.
 */
export class AppSecrets extends Construct {
  readonly secrets: Record<string, SecretsmanagerSecret> = {};

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    for (const secret of props.secrets) {
      this.secrets[secret] = new SecretsmanagerSecret(this, secret, {
        name: `${props.name}/${secret}`,
        kmsKeyId: props.kmsKeyArn,
        recoveryWindowInDays: 7,
      });
    }
  }
}
