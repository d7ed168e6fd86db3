// WebAuthn's options and credentials as JSON, the form the site's backend (and Verify) speaks.
// The browser's own JSON helpers do it where they exist (Chromium 129+, Firefox 119+, Safari 18.4+);
// elsewhere a fallback converts the base64url fields, loaded only there (./json-fallback.ts).
// Not @simplewebauthn/browser's startRegistration/startAuthentication up front: they bundle their
// own abort service, error mapping and capability checks (about 2.5 kB min+gzip) that this element
// does itself, and with the element they would pass its 5 kB budget. Only its two base64url helpers
// are used, in the lazy fallback.

export type CreationOptionsJSON = PublicKeyCredentialCreationOptionsJSON;
export type RequestOptionsJSON = PublicKeyCredentialRequestOptionsJSON;

/** Whether this browser can create and use passkeys at all (WebAuthn in a secure context). */
export const supportsWebAuthn = (): boolean => typeof PublicKeyCredential === 'function' && !!navigator.credentials?.create;

/** Whether passkey autofill (conditional mediation) is available. */
export const supportsAutofill = async (): Promise<boolean> =>
  supportsWebAuthn() && typeof PublicKeyCredential.isConditionalMediationAvailable === 'function' && (await PublicKeyCredential.isConditionalMediationAvailable());

const fallback = () => import('./json-fallback.js');

export async function creationOptions(json: CreationOptionsJSON): Promise<PublicKeyCredentialCreationOptions> {
  return typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
    ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
    : (await fallback()).parseCreationOptions(json);
}

export async function requestOptions(json: RequestOptionsJSON): Promise<PublicKeyCredentialRequestOptions> {
  return typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
    ? PublicKeyCredential.parseRequestOptionsFromJSON(json)
    : (await fallback()).parseRequestOptions(json);
}

/** RegistrationResponseJSON or AuthenticationResponseJSON, for the backend. */
export async function credentialJSON(credential: PublicKeyCredential): Promise<PublicKeyCredentialJSON> {
  return typeof credential.toJSON === 'function' ? credential.toJSON() : (await fallback()).credentialToJSON(credential);
}
