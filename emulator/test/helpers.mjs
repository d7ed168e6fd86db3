// Starting an emulator in-process and calling it the way backends and devices do.
import { createEmulator } from '../dist/server.js';
import { createDevice, deviceJwt, factorProof, tokenAuth } from './device.mjs';

/**
 * @param {import('../dist/server.js').EmulatorOptions} [options]
 */
export async function startEmulator(options = {}) {
  const emulator = await createEmulator({ webhookRetryDelaysMs: [50, 100, 200], ...options });
  const { url } = await emulator.listen(0);
  const origin = url.replace(/\/v2\/$/, '');
  const accountAuth = `Basic ${Buffer.from(`${emulator.accountSid}:${emulator.authToken}`).toString('base64')}`;

  /**
   * @param {string} method
   * @param {string} path relative to /v2/ (or absolute from the origin when it starts with /)
   * @param {{ form?: Record<string, string | string[]> | string, auth?: string | null, headers?: Record<string, string> }} [opts]
   */
  async function call(method, path, { form, auth = accountAuth, headers = {} } = {}) {
    let body;
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
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, body: json, text };
  }

  /** A service, a verified push factor for a fresh identity, and the device that holds its key. */
  async function enroll({ platform = 'fcm', verify = true, service } = {}) {
    const serviceSid = service ?? (await call('POST', 'Services', { form: { FriendlyName: 'Test service' } })).body.sid;
    const identity = `user-${crypto.randomUUID()}`;
    const token = (await call('POST', `Services/${serviceSid}/AccessTokens`, { form: { Identity: identity, FactorType: 'push' } })).body.token;
    const device = await createDevice();
    const notificationToken = `push-${crypto.randomUUID()}`;
    const created = await call('POST', `Services/${serviceSid}/Entities/${identity}/Factors`, {
      auth: tokenAuth(token),
      form: {
        FriendlyName: 'My browser', FactorType: 'push', 'Binding.PublicKey': device.publicKey, 'Binding.Alg': 'ES256',
        'Config.SdkVersion': '0.1.0', 'Config.AppId': 'test.app', 'Config.NotificationPlatform': platform,
        ...(platform === 'none' ? {} : { 'Config.NotificationToken': notificationToken }),
      },
    });
    if (created.status !== 201) throw new Error(`enroll: ${created.status} ${created.text}`);
    const factor = created.body;
    const jwt = (/** @type {{ now?: number }} */ o = {}) => deviceJwt(device.keys.privateKey, { credentialSid: factor.config.credential_sid, accountSid: emulator.accountSid, ...o });
    const devicePath = `Services/${serviceSid}/Entities/${identity}`;
    if (verify) {
      const res = await call('POST', `${devicePath}/Factors/${factor.sid}`, { auth: tokenAuth(await jwt()), form: { AuthPayload: await factorProof(device.keys.privateKey, factor.sid) } });
      if (res.status !== 200) throw new Error(`verify: ${res.status} ${res.text}`);
    }
    return { serviceSid, identity, factor, device, jwt, path: devicePath, notificationToken, accessToken: token };
  }

  return { emulator, url, origin, call, enroll, accountAuth, close: () => emulator.close() };
}

/** Waits until `check` returns a truthy value. @template T @param {() => T | Promise<T>} check */
export async function eventually(check, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 20));
  }
}
