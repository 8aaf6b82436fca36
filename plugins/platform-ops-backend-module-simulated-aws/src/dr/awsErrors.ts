import { awsError as sdkShapedError } from '../errors';
import { SimulatedAwsError } from '../ServiceModel';

/**
 * The DR models' errors, through the simulator's one AWS-error shape (`name` = the SDK's
 * exception name, `Code` = the code on the wire; they differ for the query protocols: RDS
 * answers "DBInstanceNotFound", the SDK throws a DBInstanceNotFoundFault).
 */
export function awsError(
  name: string,
  message: string,
  httpStatusCode: number,
  wireCode: string = name,
): SimulatedAwsError {
  return sdkShapedError(name, message, httpStatusCode, { wireCode });
}

export const rdsErrors = {
  instanceNotFound: (id: string) =>
    awsError(
      'DBInstanceNotFoundFault',
      `DBInstance ${id} not found.`,
      404,
      'DBInstanceNotFound',
    ),
  invalidInstanceState: (message: string) =>
    awsError(
      'InvalidDBInstanceStateFault',
      message,
      400,
      'InvalidDBInstanceState',
    ),
  clusterNotFound: (id: string) =>
    awsError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, 404),
  invalidClusterState: (message: string) =>
    awsError('InvalidDBClusterStateFault', message, 400),
  invalidParameter: (message: string) =>
    awsError('InvalidParameterValue', message, 400),
  invalidParameterCombination: (message: string) =>
    awsError('InvalidParameterCombination', message, 400),
  instanceAlreadyExists: () =>
    awsError(
      'DBInstanceAlreadyExistsFault',
      'DB instance already exists',
      400,
      'DBInstanceAlreadyExists',
    ),
};

export const route53Errors = {
  noSuchHostedZone: (id: string) =>
    awsError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404),
  noSuchChange: (id: string) =>
    awsError('NoSuchChange', `Could not find resource with ID: ${id}`, 404),
  noSuchHealthCheck: (id: string) =>
    awsError(
      'NoSuchHealthCheck',
      `A health check with id ${id} does not exist.`,
      404,
    ),
  invalidChangeBatch: (messages: string[]) =>
    Object.assign(awsError('InvalidChangeBatch', messages.join('; '), 400), {
      messages,
    }),
  invalidInput: (message: string) => awsError('InvalidInput', message, 400),
};

export const ecsErrors = {
  clusterNotFound: () =>
    awsError('ClusterNotFoundException', 'Cluster not found.', 400),
  serviceNotFound: () =>
    awsError('ServiceNotFoundException', 'Service not found.', 400),
  client: (message: string) => awsError('ClientException', message, 400),
  invalidParameter: (message: string) =>
    awsError('InvalidParameterException', message, 400),
};

export const elastiCacheErrors = {
  replicationGroupNotFound: (id: string) =>
    awsError(
      'ReplicationGroupNotFoundFault',
      `ReplicationGroup ${id} not found.`,
      404,
    ),
  nodeGroupNotFound: (id: string) =>
    awsError('NodeGroupNotFoundFault', `NodeGroup ${id} not found.`, 404),
  invalidReplicationGroupState: (message: string) =>
    awsError(
      'InvalidReplicationGroupStateFault',
      message,
      400,
      'InvalidReplicationGroupState',
    ),
  testFailoverNotAvailable: (message: string) =>
    awsError('TestFailoverNotAvailableFault', message, 400),
  invalidParameter: (message: string) =>
    awsError(
      'InvalidParameterValueException',
      message,
      400,
      'InvalidParameterValue',
    ),
};

export const cloudFrontErrors = {
  noSuchDistribution: () =>
    awsError(
      'NoSuchDistribution',
      'The specified distribution does not exist.',
      404,
    ),
  preconditionFailed: () =>
    awsError(
      'PreconditionFailed',
      'The If-Match version is missing or not valid for the resource.',
      412,
    ),
  invalidIfMatch: () =>
    awsError(
      'InvalidIfMatchVersion',
      'The If-Match version is missing or not valid for the resource.',
      400,
    ),
  illegalUpdate: (message: string) => awsError('IllegalUpdate', message, 400),
  noSuchOrigin: (id: string) =>
    awsError(
      'NoSuchOrigin',
      `No origin exists with the specified Origin Id: ${id}`,
      404,
    ),
  inconsistentQuantities: (message: string) =>
    awsError('InconsistentQuantities', message, 400),
  invalidArgument: (message: string) =>
    awsError('InvalidArgument', message, 400),
};
