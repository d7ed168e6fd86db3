// For browsers without WebAuthn's JSON helpers (loaded only there, by ./webauthn.ts): the same
// conversion as PublicKeyCredential.parse*FromJSON and credential.toJSON(), on the base64url
// helpers of @simplewebauthn/browser.
import { base64URLStringToBuffer as toBuffer, bufferToBase64URLString as toBase64URL } from '@simplewebauthn/browser';

const descriptors = (list: PublicKeyCredentialDescriptorJSON[] = []): PublicKeyCredentialDescriptor[] =>
  list.map(d => ({ ...d, id: toBuffer(d.id) }) as PublicKeyCredentialDescriptor);

export function parseCreationOptions(json: PublicKeyCredentialCreationOptionsJSON): PublicKeyCredentialCreationOptions {
  return {
    ...json,
    challenge: toBuffer(json.challenge),
    user: { ...json.user, id: toBuffer(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials),
  } as PublicKeyCredentialCreationOptions;
}

export function parseRequestOptions(json: PublicKeyCredentialRequestOptionsJSON): PublicKeyCredentialRequestOptions {
  return { ...json, challenge: toBuffer(json.challenge), allowCredentials: descriptors(json.allowCredentials) } as PublicKeyCredentialRequestOptions;
}

export function credentialToJSON(credential: PublicKeyCredential): PublicKeyCredentialJSON {
  const response = credential.response as Partial<AuthenticatorAttestationResponse> & AuthenticatorAssertionResponse;
  const common = {
    id: credential.id,
    rawId: toBase64URL(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
  if (response.attestationObject) {
    const publicKey = response.getPublicKey?.();
    return {
      ...common,
      response: {
        clientDataJSON: toBase64URL(response.clientDataJSON),
        attestationObject: toBase64URL(response.attestationObject),
        transports: response.getTransports?.() ?? [],
        publicKeyAlgorithm: response.getPublicKeyAlgorithm?.(),
        ...(publicKey && { publicKey: toBase64URL(publicKey) }),
        authenticatorData: response.getAuthenticatorData ? toBase64URL(response.getAuthenticatorData()) : undefined,
      },
    };
  }
  return {
    ...common,
    response: {
      clientDataJSON: toBase64URL(response.clientDataJSON),
      authenticatorData: toBase64URL(response.authenticatorData),
      signature: toBase64URL(response.signature),
      userHandle: response.userHandle ? toBase64URL(response.userHandle) : undefined,
    },
  };
}
