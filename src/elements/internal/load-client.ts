import type { PushTransport, VerifyPushClient } from '../../client/types.js';
import { VerifyError } from '../../client/errors.js';
import { INITIALIZATION_ERROR } from '../../protocol/codes.js';
import type { FcmTransportOptions } from '../../push/fcm-options.js';
import type { PollingTransportOptions } from '../../push/polling.js';
import { registeredPushTransport } from '../../push/registry.js';

/** How sign-in requests reach this browser. */
export type TransportName = 'fcm' | 'emulator' | 'polling';

export interface ClientSettings {
  apiBase: string;
  transport: TransportName;
  fcmOptions?: FcmTransportOptions;
  pollingOptions?: PollingTransportOptions;
}

export interface LoadedClient {
  /** A client on this browser's key store, delivering pushes through `push` (polling when push fails). */
  client: VerifyPushClient;
  push: PushTransport;
  polling: PushTransport;
}

/**
 * The client an element makes from its attributes (or the one the app `given`), with its transports,
 * loaded on first use so a page pays only for the transport it picked. `tag` names the element in errors.
 */
export async function loadClient(
  { apiBase, transport, fcmOptions, pollingOptions }: ClientSettings,
  tag: string,
  given?: VerifyPushClient,
): Promise<LoadedClient> {
  const { pollingTransport, withPollingFallback } = await import('../../push/polling.js');
  const polling = pollingTransport(pollingOptions);
  let push = polling;
  if (transport === 'fcm') {
    // The FCM transport comes in by the app importing its entry: it loads firebase.
    const fcmTransport = registeredPushTransport('fcm');
    if (!fcmTransport) {
      throw new VerifyError(INITIALIZATION_ERROR, `<${tag} transport="fcm"> needs the FCM transport: import 'verify-elements/push/fcm' once in the app (and install firebase).`);
    }
    if (!fcmOptions) throw new VerifyError(INITIALIZATION_ERROR, `<${tag} transport="fcm"> needs fcmOptions.`);
    push = fcmTransport(fcmOptions);
  } else if (transport === 'emulator') {
    push = (await import('../../push/emulator.js')).emulatorTransport({ baseUrl: apiBase });
  }
  if (given) return { client: given, push, polling };
  const { createVerifyPushClient } = await import('../../client/verify-push-client.js');
  const client = createVerifyPushClient({ baseUrl: apiBase, transport: push === polling ? polling : withPollingFallback(push, polling) });
  return { client, push, polling };
}
