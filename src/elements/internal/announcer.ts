import { html, type ReactiveControllerHost } from 'lit';

/**
 * A polite live region in an element's shadow root. `announce(text)` has screen readers say `text`;
 * the same text twice is said twice (the region is emptied, then filled again on the next frame,
 * because a live region speaks only when its content changes). Render `announcer.region` once.
 */
export class Announcer {
  #text = '';
  #frame = 0;

  constructor(private readonly host: ReactiveControllerHost) {}

  announce(text: string): void {
    cancelAnimationFrame(this.#frame);
    if (text !== this.#text) return this.#show(text);
    this.#show('');
    this.#frame = requestAnimationFrame(() => this.#show(text));
  }

  /** Empties the region without a word (a new subject starts). */
  clear(): void {
    cancelAnimationFrame(this.#frame);
    this.#show('');
  }

  get region() {
    return html`<span class="visually-hidden" role="status">${this.#text}</span>`;
  }

  #show(text: string): void {
    this.#text = text;
    this.host.requestUpdate();
  }
}
