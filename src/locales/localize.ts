import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Locale, PartialLocale } from './locale.js';
import { DEV_MODE } from '../dev.js';

export type { Locale, PartialLocale };

// The kit's own translations, loaded the first time an element sits under that `lang`.
const BUNDLED: Record<string, () => Promise<PartialLocale>> = {
  ja: () => import('./ja.js'),
  it: () => import('./it.js'),
  pl: () => import('./pl.js'),
};
// By primary language subtag; an entry appears when loading starts (empty until it arrives).
const loaded = new Map<string, PartialLocale>();
const registered = new Map<string, PartialLocale>();
const connected = new Set<LocaleController<keyof Locale>>();
let langObserver: MutationObserver | undefined;
const observed = new WeakSet<Node>();

/** Every connected element re-reads its `lang`; `strings` changed: every one renders again. */
const refreshAll = (strings = false) => connected.forEach(c => c.refresh(strings));

/**
 * Adds a language, or rewords one, for the whole page: `registerLocale('de', { otpInput: {...} })`.
 * Strings given here win over the kit's own; an element's `strings` property wins over both.
 * `lang` is a BCP 47 tag: `pt` applies to `pt-BR` too, `pt-BR` only to itself.
 */
export function registerLocale(lang: string, strings: PartialLocale): void {
  const tag = lang.toLowerCase();
  const merged: Record<string, object> = registered.get(tag) ?? {};
  for (const [key, value] of Object.entries(strings)) merged[key] = { ...merged[key], ...value };
  registered.set(tag, merged);
  refreshAll(true);
}

/** The `lang` of the nearest ancestor that has one, across shadow roots; `''` when none does. */
export function nearestLang(element: Element): string {
  for (let node: Node | null = element; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    const lang = (node as Element).getAttribute?.('lang');
    if (lang != null) return lang;
  }
  return '';
}

/**
 * Gives an element its strings in the language of the nearest `lang`: English defaults, then the
 * kit's translation, then what the page registered, then the element's own `strings` property.
 * Follows `lang` changes in the document and in the shadow roots around the element (one observer for all).
 */
export class LocaleController<K extends keyof Locale> implements ReactiveController {
  /** The language tag in use, lower case (`''` when the page sets none). */
  lang = '';
  readonly #host: ReactiveControllerHost & Element & { strings: Partial<Locale[K]> };
  readonly #key: K;
  readonly #en: Locale[K];

  constructor(host: ReactiveControllerHost & Element & { strings: Partial<Locale[K]> }, key: K, en: Locale[K]) {
    this.#host = host;
    this.#key = key;
    this.#en = en;
    host.addController(this);
  }

  /** The strings to show now. */
  get strings(): Locale[K] {
    const [primary] = this.lang.split('-');
    const layers = [loaded.get(primary), registered.get(primary), registered.get(this.lang)];
    return Object.assign({}, this.#en, ...layers.map(l => l?.[this.#key]), this.#host.strings);
  }

  hostConnected(): void {
    connected.add(this as LocaleController<keyof Locale>);
    langObserver ??= new MutationObserver(() => refreshAll());
    // An observer of the document does not see into shadow roots: watch each root the element sits
    // in, up to the document (a host may have moved into a new root since), each root once.
    for (let node: Node | undefined = this.#host; node; node = (node as ShadowRoot).host) {
      node = node.getRootNode();
      if (!observed.has(node)) langObserver.observe(node, { attributes: true, attributeFilter: ['lang'], subtree: true });
      observed.add(node);
    }
    // Renders again even when `lang` is unchanged: a translation may have arrived while it was out.
    this.refresh(true);
  }

  hostDisconnected(): void {
    connected.delete(this as LocaleController<keyof Locale>);
  }

  /** Re-reads the nearest `lang`; loads the kit's translation the first time it is needed. */
  refresh(stringsChanged = false): void {
    const lang = nearestLang(this.#host).toLowerCase();
    if (lang === this.lang && !stringsChanged) return;
    this.lang = lang;
    this.#host.requestUpdate();
    const [primary] = lang.split('-');
    if (loaded.has(primary) || !Object.hasOwn(BUNDLED, primary)) return;
    loaded.set(primary, {});
    BUNDLED[primary]().then(
      strings => {
        loaded.set(primary, strings);
        refreshAll(true);
      },
      (error: Error) => {
        if (DEV_MODE) console.warn(`verify-elements: "${primary}" strings did not load (${error.message}); using English.`);
      },
    );
  }
}
