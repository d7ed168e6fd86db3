import { isTransientCode } from '../protocol/codes.js';

/**
 * Every failure of the client. `code` is the Verify API's code (e.g. 60322 already responded,
 * 60323 expired) or one for what went wrong in the browser: 60401 network, 60402 unexpected
 * response, 60403 storage, 60404 input, 60405 key, 60406 initialization, 60407 device token.
 * `status` is the HTTP status when the API answered. Messages never carry keys, JWTs or tokens.
 */
export class VerifyError extends Error {
  override name = 'VerifyError';
  constructor(
    readonly code: number,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Whether `error` may go away if the same thing is tried again later (network, rate limit, server failure). */
export const isTransient = (error: unknown): boolean =>
  error instanceof VerifyError ? isTransientCode(error.code, error.status) : false;
