import { ResponseError } from '@backstage/errors';

/**
 * A request the backend refused or failed, carrying the backend's own message ("The
 * permission policy refused ...; ask an owner of ...") as its message.
 *
 * ResponseError.fromResponse keeps that message only on `cause` and makes its own message
 * "Request failed with 403 Forbidden", which is what the UI used to show: every panel and
 * alert prints `error.message`, so the message must be the useful one.
 *
 * @public
 */
export class PlatformOpsRequestError extends Error {
  /** HTTP status of the answer (403 refused, 404 not found, 409 conflict...). */
  readonly statusCode: number;
  /** The backend's error name, e.g. NotAllowedError, NotFoundError, InputError. */
  readonly errorName: string;
  /** The original error, with the response and its parsed body. */
  readonly response: ResponseError;

  static async fromResponse(response: Response): Promise<PlatformOpsRequestError> {
    return new PlatformOpsRequestError(await ResponseError.fromResponse(response));
  }

  constructor(error: ResponseError) {
    const remote = error.cause;
    super(remote?.message?.trim() ? remote.message : error.message);
    this.name = 'PlatformOpsRequestError';
    this.statusCode = error.statusCode;
    this.errorName = remote?.name && remote.name !== 'Error' ? remote.name : error.statusText;
    this.response = error;
  }
}

/** True for a 404 answer: the catalog or AWS does not know what was asked for. @public */
export function isNotFoundError(error: unknown): boolean {
  return (
    (error instanceof PlatformOpsRequestError && error.statusCode === 404) ||
    (error instanceof Error && error.name === 'NotFoundError')
  );
}
