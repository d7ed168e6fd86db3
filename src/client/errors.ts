export * from './codes.js';
import { isTransientCode } from '../protocol/codes.js';

const WRONG_KEY = "The factor's key did not match; remove this factor and enroll again.";

/** What to do about an API error, by code (or by HTTP status when no code matches); local checks reuse it. */
export const ADVICE: Record<number, string> = {
  60322: 'It was already answered, maybe in another tab or device; fetch it again to show its status.',
  60323: 'It expired; ask for a new one.',
  60311: WRONG_KEY,
  60324: WRONG_KEY,
  60318: 'Verify the factor first.',
  60315: 'Delete a factor of this user before enrolling another.',
  400: 'Check the parameters passed to the client.',
  401: 'The credentials were refused: get a new access token, or check that the factor still exists.',
  404: 'It does not exist (any more).',
  429: 'Too many attempts; wait a minute before trying again.',
  500: 'The service failed; try again later.',
};

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
