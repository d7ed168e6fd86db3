// The demo backend's Verify calls, all through the official `twilio` helper library. Without
// TWILIO_* variables it talks to the emulator embedded in this server; with them, to Twilio.
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import twilio from 'twilio';
import { MAX_CHECK_ATTEMPTS, MAX_SEND_ATTEMPTS } from 'verify-elements/protocol';

export interface VerifyOptions {
  accountSid: string;
  authToken: string;
  /** Use this Verify service instead of creating one. */
  serviceSid?: string;
  /** Where `https://verify.twilio.com` requests go instead (the embedded emulator). */
  apiOrigin?: string;
  /**
   * The site's public URL. Its host is the passkeys' relying party (`Passkeys.RelyingParty.Id`,
   * its origin the only one allowed), so a passkey made here works on this site alone. The emulator
   * also ends its SMS with `@host #code` for WebOTP and one-time-code autofill; Twilio's own SMS
   * templates do not read it (docs/protocol.md, "One-time codes").
   */
  siteUrl: string;
}

/** How a sign-in code check went, in the site's words. */
export type CodeCheck = 'approved' | 'wrong' | 'too-many-tries' | 'expired';

/** The sample-backend contract's answer (docs/protocol.md): what the browser enrolls with. */
export interface AccessToken {
  token: string;
  serviceSid: string;
  identity: string;
  factorType: 'push';
}

const isStatus = (error: unknown, status: number) => typeof error === 'object' && error !== null && 'status' in error && error.status === status;
const isCode = (error: unknown, code: number) => error instanceof twilio.RestException && error.code === code;
/**
 * A JSON body of the Passkeys operations as it goes on the wire. The library sends the object it is
 * given verbatim, so its names must be the API's snake_case ones, not the camelCase of its types.
 */
const wire = <T>(body: object): T => body as T;
// Verify's answers that are the user's doing, not a failure of the backend.
const NOT_FOUND = 20404;

/** A factor of any type as the settings list shows it. */
export interface FactorSummary {
  sid: string;
  type: string;
  friendlyName: string;
  created: string;
  status: string;
}

export function createVerify({ accountSid, authToken, serviceSid, apiOrigin, siteUrl }: VerifyOptions) {
  class EmulatorClient extends twilio.RequestClient {
    override request<TData>(opts: Parameters<typeof twilio.RequestClient.prototype.request<TData>>[0]) {
      return super.request<TData>({ ...opts, uri: opts.uri.replace('https://verify.twilio.com', apiOrigin ?? '') });
    }
  }
  const client = twilio(accountSid, authToken, apiOrigin ? { httpClient: new EmulatorClient() } : {});
  let sid = serviceSid;
  /** The demo's service; only set up once setUp() resolved. */
  const service = () => {
    if (!sid) throw new Error('Verify is not set up yet: call setUp() first.');
    return client.verify.v2.services(sid);
  };

  return {
    get serviceSid() {
      return sid;
    },

    /** Creates the demo's Verify service (unless one was given) and subscribes the webhook (if a URL is given), once per URL. */
    async setUp(webhookUrl?: string): Promise<void> {
      const site = new URL(siteUrl);
      // Passkeys need a relying party; a given service gets this site's (a service serves one site).
      const passkeys = {
        'passkeys.relyingParty.id': site.hostname,
        'passkeys.relyingParty.name': 'verify-elements demo',
        'passkeys.relyingParty.origins': site.origin,
        // Any authenticator (this device or a security key); discoverable, so sign-in needs no name.
        'passkeys.authenticatorAttachment': 'any',
        'passkeys.discoverableCredentials': 'required',
        'passkeys.userVerification': 'required',
        'totp.issuer': 'verify-elements demo',
      };
      // WebAuthn takes a domain as relying party, never an IP address: Twilio gets no relying party then
      // (passkeys need PUBLIC_URL), the emulator still does (it also names the domain of its SMS codes).
      const settings = apiOrigin || !isIP(site.hostname.replace(/^\[|\]$/g, '')) ? passkeys : {};
      if (sid) await client.verify.v2.services(sid).update(settings);
      else sid = (await client.verify.v2.services.create({ friendlyName: 'verify-elements demo', ...settings })).sid;
      if (!webhookUrl) return;
      // A given service keeps its webhooks across restarts: subscribing again would deliver every event twice.
      if ((await service().webhooks.list()).some(w => w.webhookUrl === webhookUrl && w.status === 'enabled')) return;
      await service().webhooks.create({ friendlyName: 'demo', eventTypes: ['*'], webhookUrl });
    },

    /** The sample-backend contract: a short-lived token that lets this user's browser create a push factor. */
    async accessToken(identity: string): Promise<AccessToken> {
      const token = await service().accessTokens.create({ identity, factorType: 'push', ttl: 300 });
      return { token: token.token, serviceSid: token.serviceSid, identity, factorType: 'push' };
    },

    async verifiedFactors(identity: string) {
      try {
        const factors = await service().entities(identity).factors.list({ limit: 20 });
        return factors.filter(f => f.status === 'verified');
      } catch (error) {
        if (isStatus(error, 404)) return []; // no entity yet: the user never enrolled a browser
        throw error;
      }
    },

    /**
     * A sign-in challenge with number matching: three choices travel in the hidden details, the
     * right one is shown only on the sign-in screen.
     */
    async signInChallenge(identity: string, factorSid: string, { browser, time }: { browser: string; time: string }) {
      const choices = new Set<string>();
      while (choices.size < 3) choices.add(String(randomInt(10, 100)));
      const number = [...choices][randomInt(0, 3)];
      const challenge = await service().entities(identity).challenges.create({
        factorSid,
        'details.message': 'Sign in to the verify-elements demo?',
        'details.fields': [
          { label: 'Browser', value: browser.slice(0, 128) },
          { label: 'Time', value: time.slice(0, 128) },
        ],
        hiddenDetails: { match_choices: [...choices].join(',') },
        expirationDate: new Date(Date.now() + 5 * 60_000),
      });
      return { challengeSid: challenge.sid, number };
    },

    challenge(identity: string, challengeSid: string) {
      return service().entities(identity).challenges(challengeSid).fetch();
    },

    /**
     * Sends a one-time code by SMS to `phone` (E.164). Within 10 minutes Verify sends the same code
     * again; false when it refuses another send (five already went out).
     */
    async sendCode(phone: string): Promise<boolean> {
      try {
        await service().verifications.create({ to: phone, channel: 'sms' });
        return true;
      } catch (error) {
        if (isCode(error, MAX_SEND_ATTEMPTS) || isCode(error, MAX_CHECK_ATTEMPTS)) return false;
        throw error;
      }
    },

    /** Checks a code sent to `phone`: Verify counts the tries (five) and forgets the code once approved or expired. */
    async checkCode(phone: string, code: string): Promise<CodeCheck> {
      try {
        const check = await service().verificationChecks.create({ to: phone, code });
        // The fifth wrong code is still answered as wrong; a check after it is a 60202.
        return check.status === 'approved' ? 'approved' : 'wrong';
      } catch (error) {
        if (isCode(error, MAX_CHECK_ATTEMPTS)) return 'too-many-tries';
        if (isCode(error, NOT_FOUND)) return 'expired';
        throw error;
      }
    },

    /** Every factor of the identity, whatever its type and status (none when Verify has no such entity). */
    async factors(identity: string): Promise<FactorSummary[]> {
      try {
        const factors = await service().entities(identity).factors.list({ limit: 50 });
        return factors.map(f => ({ sid: f.sid, type: f.factorType, friendlyName: f.friendlyName, created: f.dateCreated.toISOString(), status: f.status }));
      } catch (error) {
        if (isStatus(error, 404)) return [];
        throw error;
      }
    },

    /** Removes a factor of this identity; false when it has none with that sid (another's is none of its). */
    async removeFactor(identity: string, factorSid: string): Promise<boolean> {
      try {
        return await service().entities(identity).factors(factorSid).remove();
      } catch (error) {
        if (isStatus(error, 404)) return false;
        throw error;
      }
    },

    /** Step 1 of adding a passkey: an unverified passkeys factor and the options for `navigator.credentials.create()`. */
    async newPasskey(identity: string, friendlyName: string) {
      const factor = await service().newFactors.create(wire({ identity, friendly_name: friendlyName }));
      return { factorSid: factor.sid, publicKey: factor.options?.publicKey as unknown };
    },

    /** Step 2: the browser's RegistrationResponseJSON; Verify checks it against its challenge and verifies the factor. */
    async verifyPasskey(response: Record<string, unknown>) {
      const factor = await service().newVerifyFactors.update(wire(response));
      return { factorSid: factor.sid, identity: factor.identity, status: factor.status };
    },

    /** A sign-in challenge for any passkey of this site (discoverable credentials: no identity, no allow list). */
    async passkeyChallenge() {
      const challenge = await service().newChallenge().create({});
      return { challengeSid: challenge.sid, publicKey: challenge.options?.publicKey as unknown };
    },

    /** The browser's AuthenticationResponseJSON; Verify checks the signature and names whose passkey it was. */
    async approvePasskey(response: Record<string, unknown>) {
      const challenge = await service().approveChallenge.update(wire(response));
      return { challengeSid: challenge.sid, identity: challenge.identity, status: challenge.status };
    },

    /** A new authenticator-app factor: its secret and otpauth:// URI come this once, to show the user. */
    async newTotp(identity: string, friendlyName: string) {
      const factor = await service().entities(identity).newFactors.create({ friendlyName, factorType: 'totp' });
      const binding: { secret?: string; uri?: string } = factor.binding ?? {};
      return { factorSid: factor.sid, secret: binding.secret ?? '', uri: binding.uri ?? '' };
    },

    /** Verifies a new authenticator-app factor with its first code; false when the factor is not this identity's. */
    async confirmTotp(identity: string, factorSid: string, code: string): Promise<string | false> {
      try {
        return (await service().entities(identity).factors(factorSid).update({ authPayload: code })).status;
      } catch (error) {
        if (isStatus(error, 404)) return false;
        throw error;
      }
    },

    /** Signs in with an authenticator code: a challenge on the verified totp factor, approved when the code is right. */
    async totpChallenge(identity: string, factorSid: string, code: string) {
      return (await service().entities(identity).challenges.create({ factorSid, authPayload: code })).status;
    },

    /** Checks an X-Twilio-Signature as Twilio signs webhooks. */
    validWebhook(signature: string, url: string, params: Record<string, string>): boolean {
      return twilio.validateRequest(authToken, signature, url, params);
    },
  };
}

export type Verify = ReturnType<typeof createVerify>;
