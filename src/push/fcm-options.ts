// Apart from fcm.ts so that naming these options (the registry, <verify-enroll>) never loads firebase.
import type { FirebaseOptions } from 'firebase/app';

export interface FcmTransportOptions {
  /** The web app's Firebase config (Project settings → Your apps). */
  firebaseConfig: FirebaseOptions;
  /** The Web Push certificate's public key (Project settings → Cloud Messaging). */
  vapidKey: string;
  /** The site's service worker, which calls `verify-elements/sw`; or give its URL to register. */
  serviceWorkerRegistration?: ServiceWorkerRegistration;
  serviceWorkerUrl?: string;
}
