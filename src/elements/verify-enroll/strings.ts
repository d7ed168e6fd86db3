// Apart from the element, so the locales can name its strings without importing it (no cycle).
/** The visible steps; `permission` only for transports that push. */
export type EnrollStep = 'permission' | 'key' | 'register' | 'verify';
export type EnrollStepState = 'pending' | 'active' | 'done' | 'failed';

/** Every string `<verify-enroll>` shows or announces; override any of them with `strings`. */
export interface VerifyEnrollStrings {
  /** Heading before enrolling. */
  title: string;
  /** What enrolling gives the user. */
  intro: string;
  /** The button that starts enrolling. */
  enroll: string;
  /** Heading while the element looks for an enrollment of this browser (on load, or on Retry). */
  checking: string;
  /** Heading while the steps run; also announced. */
  enrolling: string;
  /** Heading once enrolled; also announced. */
  enrolled: string;
  /** Heading after a failure; `error` follows it. */
  failed: string;
  /**
   * What went wrong, shown under `failed`: `code` is the `verify-error` code (0 when unknown),
   * `message` the error's own message, in English (also in `verify-error`, for logs).
   */
  error: (code: number, message: string) => string;
  /** The button after a failure: runs the failed action again. */
  retry: string;
  /** The button that removes this browser's enrollment. */
  remove: string;
  /** Heading while removing; also announced. */
  removing: string;
  /** Shown and announced once removed. */
  removed: string;
  /** Shown when notifications are blocked, or pushes unsupported, so sign-in requests are fetched instead. */
  fallback: string;
  /** The name of each step, in the list of steps and in announcements. */
  steps: Record<EnrollStep, string>;
  /** Read after each step's name by screen readers, with what joins them (", done"). */
  stepStates: Record<EnrollStepState, string>;
  /** The factor's default name, e.g. "Chrome on Linux", where the user manages devices (`browser` and `os` may be empty). */
  friendlyName: (browser: string, os: string) => string;
}
