// Waiting in browser tests of the elements, for what a user would see next.
import type { ReactiveElement } from 'lit';

/** The next event of a type from `target`. */
export const next = <K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K) =>
  new Promise<GlobalEventHandlersEventMap[K]>(resolve => target.addEventListener(type, e => resolve(e as GlobalEventHandlersEventMap[K]), { once: true }));

/** Waits (up to 10 s) until `ready()` holds after a render of `el`; the error says `what`, and where the element stands (`shown()`). */
export async function untilRendered(el: ReactiveElement, ready: () => boolean, what: string, shown: () => string): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    await el.updateComplete;
    if (ready()) return;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; ${shown()}.`);
    await new Promise(r => setTimeout(r, 20));
  }
}
