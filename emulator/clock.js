/** The emulator's clock: real time plus an offset that tests move (POST /emulator/clock). */
export function createClock() {
  let offsetMs = 0;
  return {
    /** @returns {number} emulator time in ms since the epoch */
    now: () => Date.now() + offsetMs,
    get offsetSeconds() { return offsetMs / 1000; },
    /** @param {number} seconds */
    setOffset(seconds) { offsetMs = seconds * 1000; },
  };
}

/**
 * RFC 3339 with seconds precision and no fraction: the SDKs' date parsers reject fractions.
 * @param {number} ms
 */
export const rfc3339 = ms => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
