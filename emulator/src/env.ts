import type { Context } from 'hono';
import type { Clock } from './clock.js';
import type { Push } from './push.js';
import type { ChallengeRow, FactorRow, PasskeyChallengeRow, PasskeyFactorRow, Store } from './store.js';
import type { Webhooks } from './webhooks.js';

/** A fault of POST /emulator/faults: the next `count` /v2 requests whose path contains `path` wait `delayMs`, then answer `status`. */
export interface Fault {
  status: number | null;
  count: number;
  delayMs: number;
  path: string | null;
}

/** One emulator's state and services, shared by its routes. */
export interface EmulatorContext {
  /** What the request sees: the stored state for reads, a session over the latest state for changes (store.ts). */
  store: Store;
  clock: Clock;
  accountSid: string;
  authToken: string;
  push: Push;
  webhooks: Webhooks;
  faults: Fault[];
  /** Whether /emulator/state, faults, clock and outbox answer without the account credentials. */
  openAdmin: boolean;
  limits: { factorCreationsPerMinute: number };
  /** Factor creation times per `service\nidentity`, for 60326. */
  factorCreations: Map<string, number[]>;
  emitFactorEvent(type: 'factor.created' | 'factor.verified' | 'factor.deleted', factor: FactorRow): void;
  emitChallengeEvent(type: 'challenge.approved' | 'challenge.denied', challenge: ChallengeRow): void;
  /** Passkeys' events: Verify's factor and challenge events with factor_type passkeys. */
  emitPasskeyFactorEvent(type: 'factor.created' | 'factor.verified' | 'factor.deleted', factor: PasskeyFactorRow): void;
  emitPasskeyChallengeEvent(type: 'challenge.approved', challenge: PasskeyChallengeRow, factor: PasskeyFactorRow): void;
}

/** The Hono environment of every route: the emulator is `c.var.ctx` (the routes are modules, the emulators instances). */
export interface Env {
  Variables: { ctx: EmulatorContext };
}

/** What route helpers read of a request's context, whatever middleware added to its variables. */
export type RouteContext = Pick<Context<Env>, 'req' | 'var'>;
