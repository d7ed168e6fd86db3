// Passkeys through the backend's contract routes (/api/passkeys/…), with the browser's WebAuthn JSON
// helpers: the backend brokers the options from Verify and hands the browser's answer back to it.
import { api } from './api.js';

/**
 * Whether passkeys can work here: WebAuthn with its JSON helpers, on a page whose host is a domain
 * (WebAuthn refuses an IP address as relying party: open http://localhost:PORT/, not 127.0.0.1).
 */
export const passkeysSupported = () =>
  typeof PublicKeyCredential !== 'undefined' &&
  'parseCreationOptionsFromJSON' in PublicKeyCredential &&
  'parseRequestOptionsFromJSON' in PublicKeyCredential &&
  !/^(\d+\.){3}\d+$|^\[/.test(location.hostname);

/** Makes a passkey for the signed-in user on this device, and has Verify verify it. */
export async function addPasskey(): Promise<void> {
  const { publicKey } = await api<{ publicKey: PublicKeyCredentialCreationOptionsJSON }>('/api/passkeys/register/options', {});
  const credential = (await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(publicKey) })) as PublicKeyCredential;
  await api('/api/passkeys/register/verify', credential.toJSON());
}

/**
 * Signs in with any passkey of this site; `conditional` waits for the user to pick one in the user
 * name field's suggestions (autofill) instead of asking at once. The user's name, or null when the
 * request was aborted.
 */
export async function signInWithPasskey({ conditional = false, signal }: { conditional?: boolean; signal?: AbortSignal } = {}): Promise<string | null> {
  const { publicKey } = await api<{ publicKey: PublicKeyCredentialRequestOptionsJSON }>('/api/passkeys/sign-in/options', {});
  if (signal?.aborted) return null;
  const credential = (await navigator.credentials.get({
    publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(publicKey),
    ...(conditional ? { mediation: 'conditional' as CredentialMediationRequirement } : {}),
    signal,
  })) as PublicKeyCredential;
  return (await api<{ identity: string }>('/api/passkeys/sign-in/verify', credential.toJSON())).identity;
}
