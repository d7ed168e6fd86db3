// Shared by the push tests: a client enrolled on the emulator with a given transport, and waiting.
import { createIndexedDbStore, createVerifyPushClient, type ChallengePush, type PushTransport, type PushTransportError, type VerifyPushClientOptions } from '../../src/client/index.js';
import { Backend, newIdentity } from '../support/verify-backend.js';

export const HOSTILE = '<img src=x onerror=alert(1)> \u202Egnp.exe\u202C 🦊👩🏽‍💻 "quotes" \\back\\ & </script>';

/** Resolves once `check` holds, polling every 20 ms; rejects after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Enrolls a factor with what the transport registers, and collects its pushes and errors. */
export async function enroll(backend: Backend, transport: PushTransport, options: Partial<VerifyPushClientOptions> = {}) {
  const identity = newIdentity();
  const client = createVerifyPushClient({ baseUrl: backend.baseUrl, storage: createIndexedDbStore({ name: `verify-elements-push-${crypto.randomUUID()}` }), transport, ...options });
  const push = await transport.register!();
  const factor = await client.createFactor({ accessToken: await backend.accessToken(identity), serviceSid: backend.serviceSid, identity, friendlyName: 'Push test', push });
  await client.verifyFactor(factor.sid);
  const pushes: ChallengePush[] = [];
  const errors: PushTransportError[] = [];
  const stopErrors = transport.onError!(error => errors.push(error));
  const listen = () => client.onChallenge(p => pushes.push(p));
  const challenge = (message?: string) => backend.challenge(identity, factor.sid, { message }).then(c => c.sid as string);
  return { client, factor, identity, pushes, errors, listen, challenge, stopErrors };
}
