import type { VerifyError } from '../../client/errors.js';

/** A failure as the elements report it in `verify-error` and show it on screen. */
export interface ErrorDetail {
  /** The `VerifyError` code (the API's, or the client's 604xx); 0 when the failure has none. */
  code: number;
  /** What happened and what to do, in English (for logs; the screen shows the locale's words). */
  message: string;
  /** The HTTP status, when the API answered. */
  status?: number;
}

/**
 * The one way the elements read a thrown value. A VerifyError is recognised by its numeric `code`,
 * not `instanceof`: a page may hold two copies of the kit, and the class loads with the client.
 */
export function toErrorDetail(error: unknown): ErrorDetail {
  const { code, message, status } = (error ?? {}) as Partial<VerifyError>;
  return {
    code: typeof code === 'number' ? code : 0,
    message: typeof message === 'string' && message ? message : String(error),
    ...(typeof status === 'number' && { status }),
  };
}
