import { createApp } from 'vue';
import App from './App.vue';
import type { VerifyPushClient } from 'verify-elements/client';

/** Mounts the app on `root`; returns what unmounts it. */
export function mount(root: Element, push?: { client: VerifyPushClient; factorSid: string; challengeSid: string }) {
  const app = createApp(App, { push });
  app.mount(root);
  return () => app.unmount();
}
