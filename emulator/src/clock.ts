export interface Clock {
  /** Emulator time in ms since the epoch. */
  now(): number;
  readonly offsetSeconds: number;
  setOffset(seconds: number): void;
}

/** The emulator's clock: real time plus an offset that tests move (POST /emulator/clock). */
export function createClock(): Clock {
  let offsetMs = 0;
  return {
    now: () => Date.now() + offsetMs,
    get offsetSeconds() { return offsetMs / 1000; },
    setOffset(seconds) { offsetMs = seconds * 1000; },
  };
}

/** RFC 3339 with seconds precision and no fraction: the SDKs' date parsers reject fractions. */
export const rfc3339 = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
