// Apart from the element, so the locales can name its strings without importing it (no cycle).
/** What the element does: add a passkey for the signed-in user, or sign in with one. */
export type PasskeyMode = 'register' | 'sign-in';
/** The visible steps of both modes. */
export type PasskeyStep = 'authenticator' | 'verify';
export type PasskeyStepState = 'pending' | 'active' | 'done' | 'failed';
/**
 * Why a ceremony failed, as `verify-passkey-error` reports it (stable names a page may branch on):
 * `cancelled` (the user closed the browser's dialog, or did not verify: NotAllowedError),
 * `already-registered` (this authenticator holds a passkey for the user: InvalidStateError),
 * `timeout`, `network` (the site's server did not answer), `backend` (it answered with an error),
 * `security` (the page's origin does not match the relying party: SecurityError), `unsupported`
 * (no WebAuthn here), `unknown`.
 */
export type PasskeyErrorReason = 'cancelled' | 'already-registered' | 'timeout' | 'network' | 'backend' | 'security' | 'unsupported' | 'unknown';

/** Every string `<verify-passkey>` shows or announces; override any of them with `strings`. */
export interface VerifyPasskeyStrings {
  /** Heading of mode="register" before it starts. */
  registerTitle: string;
  /** What a passkey gives the user, under `registerTitle`. */
  registerIntro: string;
  /** The button that adds a passkey. */
  register: string;
  /** Heading of mode="sign-in" before it starts. */
  signInTitle: string;
  /** The button that signs in with a passkey. */
  signIn: string;
  /** Heading while the browser's passkey dialog is open; also announced. */
  waiting: string;
  /** Heading while the site checks the passkey; also announced. */
  verifying: string;
  /** Heading once the passkey is added; also announced. */
  registered: string;
  /** Heading once signed in; also announced. */
  signedIn: string;
  /** Heading after a failure; the reason's text follows it. */
  failed: string;
  /** What went wrong and what to do, by reason (`backend` has its own function). */
  reasons: Record<Exclude<PasskeyErrorReason, 'backend'>, string>;
  /** The site's server refused: `code` is Verify's error code (0 when none), `message` the server's own words. */
  backend: (code: number, message: string) => string;
  /** The button after a failure. */
  retry: string;
  /** The name of each step, in the list of steps and in announcements. */
  steps: Record<PasskeyStep, string>;
  /** Read after each step's name by screen readers, with what joins them (", done"). */
  stepStates: Record<PasskeyStepState, string>;
}
