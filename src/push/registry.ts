import type { PushTransport } from '../client/types.js';
import type { FcmTransportOptions } from './fcm-options.js';

/**
 * Push transports that live in entries of their own because of what they load (firebase), by name.
 * An entry registers itself when imported; `<verify-enroll>` asks here, so a bundler never resolves a
 * transport, or its dependencies, that the app did not import.
 */
export interface PushTransportFactories {
  fcm: (options: FcmTransportOptions) => PushTransport;
}

const factories: Partial<PushTransportFactories> = {};

export function registerPushTransport<K extends keyof PushTransportFactories>(name: K, factory: PushTransportFactories[K]): void {
  factories[name] = factory;
}

/** The factory an imported entry registered under `name`, if any. */
export const registeredPushTransport = <K extends keyof PushTransportFactories>(name: K): PushTransportFactories[K] | undefined => factories[name];
