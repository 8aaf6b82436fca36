/** IAM policy documents shared by several constructs. */

export function assumeRolePolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

export function policyDocument(
  statements: { Action: string[]; Resource: string | string[]; Effect?: 'Allow' | 'Deny' }[],
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map(s => ({ Effect: 'Allow', ...s })),
  });
}
