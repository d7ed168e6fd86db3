import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };
type Pick = string | ((root: HTMLElement | DocumentFragment) => HTMLElement | null);

/**
 * Moves focus inside an element after its next render, so keyboard and screen-reader users stay
 * where the change happened when the control they were on goes away.
 */
export class FocusController implements ReactiveController {
  #pick?: Pick;
  #ifHeld = false;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Focus is in the element, or was dropped on the page's body (its control was removed). */
  get held(): boolean {
    const active = document.activeElement;
    return this.host.matches(':focus-within') || !active || active === document.body;
  }

  /** Whether a request waits for the next render. */
  get pending(): boolean {
    return this.#pick !== undefined;
  }

  /**
   * After the next render, focuses what `pick` finds in the shadow root (a selector, or a function
   * for "this, else that"). With `ifHeld`, only if focus is still the element's by then.
   */
  request(pick: Pick | undefined, { ifHeld = false } = {}): void {
    this.#pick = pick;
    this.#ifHeld = ifHeld;
  }

  hostUpdated(): void {
    const pick = this.#pick;
    if (!pick) return;
    const root = this.host.renderRoot;
    const target = typeof pick === 'string' ? root.querySelector<HTMLElement>(pick) : pick(root);
    // Not rendered yet (e.g. still loading): the request waits for a render that shows it.
    if (!target) return;
    this.#pick = undefined;
    if (!this.#ifHeld || this.held) target.focus();
  }
}
