import { DEV_MODE } from './dev.js';

/** A custom element class that says which version of the kit it comes from. */
export type VersionedElement = CustomElementConstructor & { readonly version: string };

/**
 * Registers `tag` once per page. A second definition by the same version is a no-op, so a page (or a
 * micro-frontend) may load the kit twice; one by another version keeps the first and warns, because
 * the registry cannot hold two classes for one tag.
 */
export function defineElement(tag: string, element: VersionedElement): void {
  const existing = customElements.get(tag) as Partial<VersionedElement> | undefined;
  if (!existing) {
    customElements.define(tag, element);
  } else if (DEV_MODE && existing.version !== element.version) {
    const owner = existing.version ? `verify-elements ${existing.version}` : 'another library';
    console.warn(
      `verify-elements ${element.version}: <${tag}> is already defined by ${owner}; keeping that definition. ` +
        `Load one version of verify-elements per page.`,
    );
  }
}
