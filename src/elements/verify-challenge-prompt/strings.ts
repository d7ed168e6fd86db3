// Apart from the element, so the locales can name its strings without importing it (no cycle).
/** Every string `<verify-challenge-prompt>` shows or announces; override any of them with `strings`. */
export interface ChallengePromptStrings {
  /** Shown while the challenge's details load. */
  loading: string;
  /** The visible time left, updated every second: keep it short ("Expires in 4:59"); `clock` is `m:ss`. */
  timeLeft: (seconds: number, clock: string) => string;
  /** Announced to screen readers at 60, 30 and 10 seconds left only ("Expires in 30 seconds"). */
  timeLeftAnnouncement: (seconds: number) => string;
  /** Legend of the number choices (number matching). */
  pickNumber: string;
  /** The Approve button. */
  approve: string;
  /** The Deny button. */
  deny: string;
  /** The question after Deny. */
  report: string;
  /** Deny and report as suspicious. */
  yes: string;
  /** Deny without reporting. */
  no: string;
  /** Shown and announced while the approval is sent. */
  approving: string;
  /** Shown and announced while the denial is sent. */
  denying: string;
  /** Shown and announced once approved (without number matching). */
  approved: string;
  /**
   * Shown and announced once an approval with a picked number is sent: only the site knows whether
   * the number was the right one, so the prompt says no more than that the answer went out.
   */
  answerSent: string;
  /** Shown and announced once denied. */
  denied: string;
  /** Denied, and reported as suspicious. */
  reported: string;
  /** The challenge expired before it was answered. */
  expired: string;
  /** Answered in another tab or on another device. */
  answered: string;
  /** The network failed (`VerifyError` 60401). */
  offline: string;
  /**
   * Any other failure: `code` is the `verify-error` code (0 when unknown), `message` the error's own
   * message, in English (also in `verify-error`, for logs).
   */
  error: (code: number, message: string) => string;
  /** The button after a failure that may pass (network, server): tries again. */
  retry: string;
}
