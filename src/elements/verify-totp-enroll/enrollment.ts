// What starting and confirming do, loaded on the first start (with the QR encoder and <otp-input>)
// so that none of it counts up front.
import '../otp-input/define.js';
import { failure, urlProvider, type TotpEnrollProvider, type TotpEnrollment, type TotpFailure } from './backend.js';
import type { VerifyTotpErrorDetail } from './events.js';
import { readOtpauth, type OtpauthInfo } from './otpauth.js';
import { qrPath } from './qr.js';

/** Where the element sends its requests: its `provider`, else its `url`. */
export interface Backend {
  provider?: TotpEnrollProvider;
  url: string;
}

/** A started enrollment: the binding with what its URI says, and its QR code. */
export interface Started {
  enrollment: TotpEnrollment & OtpauthInfo;
  qr: { size: number; d: string };
}

const providerOf = ({ provider, url }: Backend): TotpEnrollProvider => {
  if (provider) return provider;
  if (!url) throw failure('setup', '<verify-totp-enroll> needs url or provider.');
  return urlProvider(url);
};

/**
 * Every failure gets its `reason`: an HTTP status says it (a gone factor while confirming has expired),
 * a TypeError is fetch's "no answer", anything else is the server's fault.
 */
function classify(step: VerifyTotpErrorDetail['step'], error: unknown): TotpFailure {
  const failed = (error instanceof Error ? error : new Error(String(error))) as TotpFailure;
  const { status } = failed;
  failed.reason ??=
    typeof status === 'number'
      ? status === 429
        ? 'rate-limited'
        : step === 'confirm' && (status === 404 || status === 410)
          ? 'expired'
          : 'backend'
      : error instanceof TypeError
        ? 'network'
        : 'backend';
  return failed;
}

/** Creates the factor; checks the answer before anything of it is shown. */
export async function start(backend: Backend, friendlyName: string): Promise<Started> {
  try {
    const { factorSid, uri, secret } = ((await providerOf(backend).start(friendlyName ? { friendlyName } : {})) ?? {}) as Partial<TotpEnrollment>;
    const info = typeof uri === 'string' ? readOtpauth(uri) : undefined;
    if (typeof factorSid !== 'string' || typeof secret !== 'string' || !/^[A-Z2-7]+=*$/i.test(secret) || !info) {
      throw failure('backend', 'The start answer lacks a factorSid, an otpauth://totp/ uri or a base32 secret.');
    }
    return { enrollment: { factorSid, uri: uri!, secret, ...info }, qr: qrPath(uri!) };
  } catch (error) {
    throw classify('start', error);
  }
}

/** Sends the first code; resolves once the factor is verified. */
export async function confirm(backend: Backend, factorSid: string, code: string): Promise<void> {
  try {
    const { status } = (await providerOf(backend).confirm({ factorSid, code })) ?? {};
    if (status === 'unverified') throw failure('wrong-code', 'The code did not match the key.');
    if (status !== 'verified') throw failure('backend', 'The confirm answer has no status "verified" or "unverified".');
  } catch (error) {
    throw classify('confirm', error);
  }
}
