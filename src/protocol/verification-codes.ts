// Verify's errors of one-time codes (Verifications, VerificationCheck). A site's backend meets them,
// never the kit's client, so they stay out of code-table.ts, which the client bundles.

export const MAX_CHECK_ATTEMPTS = 60202;
export const MAX_SEND_ATTEMPTS = 60203;

/** Their HTTP statuses, as Twilio's error pages give them. */
export const VERIFICATION_CODES: Readonly<Record<number, { status: number }>> = {
  [MAX_CHECK_ATTEMPTS]: { status: 429 },
  [MAX_SEND_ATTEMPTS]: { status: 429 },
};
