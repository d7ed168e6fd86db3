/** Twilio-style API errors: an HTTP status plus `{code, message, more_info, status}`. */

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status
   * @param {number} code Twilio error code
   * @param {string} message what happened and what to do
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  toJSON() {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

/** Shorthands for the errors of PROTOCOL.md ("Error codes") and Twilio's generic ones. */
export const E = {
  /** @param {string} m */ invalidParam: m => new ApiError(400, 60306, m),
  /** @param {string} m */ verificationFailed: m => new ApiError(403, 60311, m),
  /** @param {string} m */ invalidBinding: m => new ApiError(400, 60314, m),
  tooManyFactors: () => new ApiError(400, 60315, 'This entity already has 20 push factors. Delete one before creating another.'),
  /** @param {string} m */ factorExists: m => new ApiError(409, 60317, m),
  factorUnverified: () => new ApiError(403, 60318, 'The factor is not verified yet. Verify it (POST the factor with AuthPayload) before creating challenges.'),
  /** @param {string} status */ alreadyResponded: status => new ApiError(403, 60322, `The challenge was already ${status}; it cannot be answered again.`),
  expired: () => new ApiError(403, 60323, 'The challenge has expired. Create a new challenge.'),
  /** @param {string} m */ badChallengeSignature: m => new ApiError(403, 60324, m),
  tooManyCreations: () => new ApiError(429, 60326, 'Too many factors were created for this entity in the last minute. Wait a minute and try again.'),
  /** @param {string} m */ invalidFactorSid: m => new ApiError(400, 60362, m),
  /** @param {string} m */ invalidChallengeSid: m => new ApiError(400, 60364, m),
  /** @param {string} m */ invalidIdentity: m => new ApiError(400, 60366, m),
  /** @param {string} m */ invalidDetails: m => new ApiError(400, 60368, m),
  challengeNotFound: () => new ApiError(404, 60391, 'No such challenge for this entity. Check the challenge SID and the identity.'),
  entityNotFound: () => new ApiError(404, 60392, 'No such entity in this service. Create a factor for the identity first.'),
  /** @param {string} m */ unauthorized: m => new ApiError(401, 20003, m),
  /** @param {string} what */ notFound: what => new ApiError(404, 20404, `The requested resource ${what} was not found.`),
  /** @param {string} method @param {string} allow */
  methodNotAllowed: (method, allow) => new ApiError(405, 20004, `Method ${method} is not allowed here; use ${allow}.`),
  tooLarge: () => new ApiError(413, 20413, 'The request body is larger than 1 MiB. Send a smaller body.'),
};
