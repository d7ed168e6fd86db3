/** What the element reads from an `otpauth://totp/…` URI (Key Uri Format): the rest is for the app. */
export interface OtpauthInfo {
  /** Length of the app's codes (6 when the URI does not say). */
  digits: number;
  /** Who the key is for, from `issuer=` or the label's prefix; may be empty. */
  issuer: string;
  /** The account part of the label; may be empty. */
  account: string;
}

/** Reads a TOTP URI; `undefined` when it is not one (or asks for codes the code field cannot hold). */
export function readOtpauth(uri: string): OtpauthInfo | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'otpauth:' || url.hostname !== 'totp') return undefined;
    const label = decodeURIComponent(url.pathname.slice(1));
    const colon = label.indexOf(':');
    const digits = Number(url.searchParams.get('digits') ?? 6);
    if (!Number.isInteger(digits) || digits < 1 || digits > 12) return undefined;
    return {
      digits,
      issuer: url.searchParams.get('issuer') ?? (colon < 0 ? '' : label.slice(0, colon)),
      account: label.slice(colon + 1).trim(),
    };
  } catch {
    // A malformed URL or percent-escape.
    return undefined;
  }
}
