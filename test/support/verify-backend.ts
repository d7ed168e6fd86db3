// Plays the site's backend from a page: talks to an emulator with the account credentials (what a
// real backend keeps on its server), and drives the emulator's test endpoints (clock, faults).
// Used by the browser tests (emulator from emulator-plugin.mjs) and by Storybook's live stories.

export interface EmulatorInfo {
  baseUrl: string;
  accountSid: string;
  authToken: string;
}

type Form = Record<string, string | string[] | undefined>;

async function call(method: string, url: string, form?: Form, auth?: string) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form ?? {})) for (const v of [value ?? []].flat()) body.append(key, v);
  const response = await fetch(url, {
    method,
    headers: { ...(auth && { Authorization: `Basic ${btoa(auth)}` }), ...(form && { 'Content-Type': 'application/x-www-form-urlencoded' }) },
    body: form ? body : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A random opaque identity (8–64 chars, no personal data), as the protocol asks. */
export const newIdentity = () => `user-${crypto.randomUUID()}`;

export class Backend {
  private constructor(
    readonly emulator: EmulatorInfo,
    readonly serviceSid: string,
  ) {}

  /** A backend with a fresh service of its own, so tests never see each other's state. */
  static async create(e: EmulatorInfo): Promise<Backend> {
    const service = await call('POST', `${e.baseUrl}Services`, { FriendlyName: 'verify-elements tests' }, `${e.accountSid}:${e.authToken}`);
    return new Backend(e, service.sid);
  }

  get baseUrl() {
    return this.emulator.baseUrl;
  }

  api(method: string, path: string, form?: Form) {
    return call(method, `${this.baseUrl}Services/${this.serviceSid}/${path}`, form, `${this.emulator.accountSid}:${this.emulator.authToken}`);
  }

  /** Changes the service's settings (`Totp.CodeLength`, …), as Update Service does. */
  updateService(form: Form) {
    return call('POST', `${this.baseUrl}Services/${this.serviceSid}`, form, `${this.emulator.accountSid}:${this.emulator.authToken}`);
  }

  async accessToken(identity: string): Promise<string> {
    return (await this.api('POST', 'AccessTokens', { Identity: identity, FactorType: 'push' })).token;
  }

  async challenge(
    identity: string,
    factorSid: string,
    { message = 'Sign in to Example?', fields = [], hiddenDetails, expirationDate }: { message?: string; fields?: { label: string; value: string }[]; hiddenDetails?: Record<string, string>; expirationDate?: string } = {},
  ) {
    return this.api('POST', `Entities/${encodeURIComponent(identity)}/Challenges`, {
      FactorSid: factorSid,
      'Details.Message': message,
      'Details.Fields': fields.map(field => JSON.stringify(field)),
      HiddenDetails: hiddenDetails && JSON.stringify(hiddenDetails),
      ExpirationDate: expirationDate,
    });
  }

  /** The emulator's own test endpoints, under /emulator/ (they take the account credentials, as the API does). */
  admin(path: string, body: unknown) {
    const headers = { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(`${this.emulator.accountSid}:${this.emulator.authToken}`)}` };
    return fetch(new URL(`/emulator/${path}`, this.baseUrl), { method: 'POST', headers, body: JSON.stringify(body) }).then(r => {
      if (!r.ok) throw new Error(`POST /emulator/${path} → ${r.status}`);
    });
  }

  /** The next `count` requests whose path contains `path` fail with `status` and/or wait `delayMs`. */
  faults(fault: { status?: number; count: number; delayMs?: number; path: string }) {
    return this.admin('faults', fault);
  }

  clock(offsetSeconds: number) {
    return this.admin('clock', { offsetSeconds });
  }
}
