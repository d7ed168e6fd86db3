// Apart from fcm.ts so that naming these options (the registry, <verify-enroll>) never loads firebase,
// and without firebase's types: every app type-checks these declarations (skipLibCheck: false), and
// only apps of the FCM transport install firebase.

/** Firebase's `FirebaseOptions`, field for field (fcm.ts checks that each fits the other). */
export interface FirebaseConfig {
  apiKey?: string;
  authDomain?: string;
  databaseURL?: string;
  projectId?: string;
  storageBucket?: string;
  messagingSenderId?: string;
  appId?: string;
  measurementId?: string;
}

export interface FcmTransportOptions {
  /** The web app's Firebase config (Project settings → Your apps). */
  firebaseConfig: FirebaseConfig;
  /** The Web Push certificate's public key (Project settings → Cloud Messaging). */
  vapidKey: string;
  /** The site's service worker, which calls `verify-elements/sw`; or give its URL to register. */
  serviceWorkerRegistration?: ServiceWorkerRegistration;
  serviceWorkerUrl?: string;
}
