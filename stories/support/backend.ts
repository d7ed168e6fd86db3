// The push stories' backend. A real Verify Push emulator runs in this browser (a Service Worker
// built from emulator/, .storybook/emulator-sw.js) and the story plays the site's backend in the
// page (test/support/verify-backend.ts) with the emulator's account credentials: fine only because
// it is a local emulator; a real backend keeps them on its server.
import type { TemplateResult } from 'lit';
import { createVerifyPushClient, type PushConfig, type PushTransport, type VerifyPushClient } from '../../src/client/index.js';
import type { EnrollmentToken } from '../../src/elements/verify-enroll/verify-enroll.js';
import { Backend, newIdentity, type EmulatorInfo } from '../../test/support/verify-backend.js';
import { memoryStore } from '../../test/support/memory-store.js';

let ready: Promise<EmulatorInfo> | undefined;

/** Registers the emulator's Service Worker for the preview (once per page) and waits until it answers the page's requests. */
export function emulator(): Promise<EmulatorInfo> {
  ready ??= (async () => {
    if (!navigator.serviceWorker) throw new Error('The Verify Push emulator runs in a Service Worker: open Storybook on localhost or https in a current browser.');
    const registration = await navigator.serviceWorker.register('/verify-emulator-sw.js', { scope: '/iframe.html' });
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      const controlled = new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      registration.active?.postMessage('claim');
      await controlled;
    }
    const response = await fetch('/storybook/emulator.json');
    if (!response.ok) throw new Error(`The emulator's Service Worker did not answer (HTTP ${response.status}).`);
    return response.json();
  })().catch(error => {
    ready = undefined;
    throw error;
  });
  return ready;
}

type ClientOptions = { transport?: PushTransport; fetch?: typeof fetch };

/** One story's world: its own service and identity on the emulator, and its own key store in this browser. */
export interface Scene {
  backend: Backend;
  baseUrl: string;
  identity: string;
  /** What the site's token endpoint answers for the signed-in user (the sample-backend contract). */
  tokenProvider: () => Promise<EnrollmentToken>;
  /** A client over this story's key store; every client of a scene shares its factors (like tabs of one browser). */
  client(options?: ClientOptions): VerifyPushClient;
  /** Enrolls a verified factor for the identity, as `<verify-enroll>` would have; returns it with its client. */
  enroll(push?: PushConfig, options?: ClientOptions): Promise<{ client: VerifyPushClient; factorSid: string }>;
  /** Deletes the story's service with everything in it. */
  close(): Promise<void>;
}

export async function createScene(): Promise<Scene> {
  const info = await emulator();
  const backend = await Backend.create(info);
  const identity = newIdentity();
  const storage = memoryStore();
  const scene: Scene = {
    backend,
    baseUrl: info.baseUrl,
    identity,
    tokenProvider: async () => ({ token: await backend.accessToken(identity), serviceSid: backend.serviceSid, identity }),
    client: options => createVerifyPushClient({ baseUrl: info.baseUrl, storage, ...options }),
    async enroll(push = { platform: 'none' }, options) {
      const client = scene.client(options);
      const { token: accessToken } = await scene.tokenProvider();
      const { sid } = await client.createFactor({ accessToken, serviceSid: backend.serviceSid, identity, friendlyName: 'Storybook browser', push });
      await client.verifyFactor(sid);
      return { client, factorSid: sid };
    },
    async close() {
      const auth = btoa(`${info.accountSid}:${info.authToken}`);
      await fetch(`${info.baseUrl}Services/${backend.serviceSid}`, { method: 'DELETE', headers: { Authorization: `Basic ${auth}` } });
    },
  };
  return scene;
}

/**
 * Storybook annotations for stories that need a scene: the loaders make a fresh one for each render
 * (`setup`), `render` draws with it, and the clean-up deletes it when the story goes.
 */
export function withScene<A, L extends { scene: Scene }>(setup: (args: A) => Promise<L>, draw: (args: A, loaded: L) => TemplateResult) {
  return {
    loaders: [({ args }: { args: A }) => setup(args)],
    beforeEach: ({ loaded }: { loaded: Record<string, any> }) => () => (loaded as L).scene.close(),
    render: (args: A, { loaded }: { loaded: Record<string, any> }) => draw(args, loaded as L),
  };
}

/** Waits (up to 10 s) until `[part~=part]` in the shadow root of the canvas's `tag` shows and is enabled. */
export async function shown(canvas: HTMLElement, tag: string, part: string): Promise<HTMLElement> {
  for (let i = 0; i < 200; i++) {
    const target = canvas.querySelector(tag)?.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`);
    if (target && !(target as HTMLButtonElement).disabled) return target;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`<${tag}> showed no enabled ${part} within 10 s.`);
}

/** Clicks a part once it shows, as the user would. */
export const press = async (canvas: HTMLElement, tag: string, part: string) => (await shown(canvas, tag, part)).click();
