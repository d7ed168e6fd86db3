import { SID_PREFIX, isSid, type ChallengePushData } from '../protocol/wire.js';
import { MAPPER_ERROR } from '../protocol/codes.js';
import { VerifyError } from '../client/errors.js';
import type { ChallengePush } from '../client/types.js';

/** Why a push was not delivered as a challenge (a transport's failures add their own reasons). */
export type PushRejection = 'not-an-object' | 'not-a-challenge' | 'bad-factor-sid' | 'bad-challenge-sid' | 'bad-message' | 'unknown-factor';

/** What transports report through `onError`: a `VerifyError` (its `code` and `message` make a `verify-error` detail) with a stable `reason`. */
export class PushError extends VerifyError {
  override name = 'PushError';
  constructor(
    readonly reason: string,
    message: string,
    code = MAPPER_ERROR,
  ) {
    super(code, message);
  }
}

/** Marks what the service-worker helper posts to the app's windows. */
export const SW_MESSAGE_SOURCE = 'verify-elements';

const MESSAGES: Record<Exclude<PushRejection, 'unknown-factor'>, string> = {
  'not-an-object': 'A push that is not a JSON object was ignored.',
  'not-a-challenge': 'A push whose type is not verify_push_challenge was ignored.',
  'bad-factor-sid': 'A challenge push without a valid factor_sid (YF + 32 hex) was ignored.',
  'bad-challenge-sid': 'A challenge push without a valid challenge_sid (YC + 32 hex) was ignored.',
  'bad-message': 'A challenge push whose message is not a string of 1 to 256 characters was ignored.',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The one parser for challenge pushes. Takes FCM's web shapes (`{data:{…}}` from `onMessage`, the
 * service worker's push event or `onBackgroundMessage`), the flat data object, or an APNs payload
 * (the keys at the top level). Returns the challenge, or a `PushError` saying why it is not one:
 * the caller reports it; nothing here throws. The message stays verbatim: it is data, rendered as text.
 */
export function parsePush(payload: unknown): ChallengePush | PushError {
  const reject = (reason: keyof typeof MESSAGES) => new PushError(reason, MESSAGES[reason]);
  if (!isObject(payload)) return reject('not-an-object');
  const data: Partial<Record<keyof ChallengePushData, unknown>> = isObject(payload.data) ? payload.data : payload;
  if (data.type !== 'verify_push_challenge') return reject('not-a-challenge');
  const { factor_sid: factorSid, challenge_sid: challengeSid, message } = data;
  if (!isSid(SID_PREFIX.factor, factorSid)) return reject('bad-factor-sid');
  if (!isSid(SID_PREFIX.challenge, challengeSid)) return reject('bad-challenge-sid');
  // 256 UTF-16 units, as the API counts Details.Message.
  if (typeof message !== 'string' || !message || message.length > 256) return reject('bad-message');
  return { factorSid, challengeSid, message };
}

/** The report for a well-formed push whose factor nobody here listens for. */
export const unknownFactor = (push: ChallengePush) =>
  new PushError('unknown-factor', `A challenge push for factor ${push.factorSid}, which is not enrolled here, was ignored.`);

/** The FCM data object for a challenge: what the service worker hands the app's windows and its notifications. */
export const pushData = ({ factorSid, challengeSid, message }: ChallengePush): ChallengePushData => ({
  type: 'verify_push_challenge',
  factor_sid: factorSid,
  challenge_sid: challengeSid,
  message,
});
