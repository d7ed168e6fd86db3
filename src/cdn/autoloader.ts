/**
 * `dist/cdn/autoloader.js`: one `<script type="module">` for pages without a bundler. Each of the
 * kit's tags is defined when it first appears in the document (its code loads then, and only then),
 * as Shoelace's and Web Awesome's autoloaders do. Tags inside another component's shadow root are
 * not seen by the document: call `discover(shadowRoot)` for them.
 * @module
 */
const TAGS: Record<string, () => Promise<unknown>> = {
  'otp-input': () => import('../elements/otp-input/define.js'),
  'verify-enroll': () => import('../elements/verify-enroll/define.js'),
  'verify-challenge-prompt': () => import('../elements/verify-challenge-prompt/define.js'),
  // Issue 14: authenticator apps (TOTP).
  'verify-totp-enroll': () => import('../elements/verify-totp-enroll/define.js'),
};

const requested = new Set<string>();

/** Loads the definition of every kit tag in `root` (and `root` itself) not loaded yet. */
export function discover(root: ParentNode): Promise<unknown[]> {
  const tags = Object.keys(TAGS).filter(tag => !requested.has(tag) && ((root as Element).localName === tag || root.querySelector(tag)));
  tags.forEach(tag => requested.add(tag));
  return Promise.all(tags.map(tag => TAGS[tag]()));
}

void discover(document);
new MutationObserver(records => {
  for (const { addedNodes } of records) for (const node of addedNodes) if (node instanceof Element) void discover(node);
}).observe(document.documentElement, { childList: true, subtree: true });
