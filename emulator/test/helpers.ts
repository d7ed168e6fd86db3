// Starting an emulator in-process and calling it the way backends and devices do.
import type { AccessTokenJson, NewFactorJson, ServiceJson } from 'verify-elements/protocol';
import { createEmulator, type EmulatorOptions } from '../src/server.js';
import { createDevice, deviceJwt, factorProof, tokenAuth } from './device.js';

/** An answer of the emulator; `body` is its JSON (null when empty or not JSON), read as the caller says it is. */
export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  form?: Record<string, string | string[]> | string;
  auth?: string | null;
  headers?: Record<string, string>;
}

export interface EnrollOptions {
  platform?: 'fcm' | 'apn' | 'none';
  verify?: boolean;
  service?: string;
}

export async function startEmulator(options: EmulatorOptions = {}) {
  const emulator = await createEmulator({ webhookRetryDelaysMs: [50, 100, 200], ...options });
  const { url } = await emulator.listen(0);
  const origin = url.replace(/\/v2\/$/, '');
  const accountAuth = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;

  /**
   * @param path relative to /v2/ (or absolute from the origin when it starts with /)
   * @typeParam T what the body is expected to be (a protocol type: ServiceJson, ErrorJson, ListPage, …)
   */
  async function call<T = unknown>(method: string, path: string, { form, auth = accountAuth, headers = {} }: CallOptions = {}): Promise<Answer<T>> {
    let body: string | undefined;
    if (typeof form === 'string') body = form;
    else if (form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) p.append(k, one);
      body = p.toString();
    }
    const res = await fetch(path.startsWith('/') ? origin + path : url + path, {
      method,
      headers: { ...(auth ? { Authorization: auth } : {}), ...(body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      body,
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch { /* not JSON */ }
    // The caller names the shape it expects; its assertions check the values.
    return { status: res.status, headers: res.headers, body: json as T, text };
  }

  /** A service, a verified push factor for a fresh identity, and the device that holds its key. */
  async function enroll({ platform = 'fcm', verify = true, service }: EnrollOptions = {}) {
    const serviceSid = service ?? (await call<ServiceJson>('POST', 'Services', { form: { FriendlyName: 'Test service' } })).body.sid;
    const identity = `user-${crypto.randomUUID()}`;
    const token = (await call<AccessTokenJson>('POST', `Services/${serviceSid}/AccessTokens`, { form: { Identity: identity, FactorType: 'push' } })).body.token;
    const device = await createDevice();
    const notificationToken = `push-${crypto.randomUUID()}`;
    const created = await call<NewFactorJson>('POST', `Services/${serviceSid}/Entities/${identity}/Factors`, {
      auth: tokenAuth(token),
      form: {
        FriendlyName: 'My browser', FactorType: 'push', 'Binding.PublicKey': device.publicKey, 'Binding.Alg': 'ES256',
        'Config.SdkVersion': '0.1.0', 'Config.AppId': 'test.app', 'Config.NotificationPlatform': platform,
        ...(platform === 'none' ? {} : { 'Config.NotificationToken': notificationToken }),
      },
    });
    if (created.status !== 201) throw new Error(`enroll: ${created.status} ${created.text}`);
    const factor = created.body;
    const jwt = (o: { now?: number } = {}) => deviceJwt(device.keys.privateKey, { credentialSid: factor.config.credential_sid, accountSid: emulator.accountSid, ...o });
    const devicePath = `Services/${serviceSid}/Entities/${identity}`;
    if (verify) {
      const res = await call('POST', `${devicePath}/Factors/${factor.sid}`, { auth: tokenAuth(await jwt()), form: { AuthPayload: await factorProof(device.keys.privateKey, factor.sid) } });
      if (res.status !== 200) throw new Error(`verify: ${res.status} ${res.text}`);
    }
    return { serviceSid, identity, factor, device, jwt, path: devicePath, notificationToken, accessToken: token };
  }

  return { emulator, url, origin, call, enroll, accountAuth, close: () => emulator.close() };
}

export type TestEmulator = Awaited<ReturnType<typeof startEmulator>>;
export type Enrolled = Awaited<ReturnType<TestEmulator['enroll']>>;

/** Waits until `check` returns a truthy value. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 20));
  }
}
