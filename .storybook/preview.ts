import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { html } from 'lit';
import manifest from '../custom-elements.json';
import '../docs/themes/high-contrast.css';
import '../docs/themes/reduced-motion.css';
import './preview.css';

type Manifest = { modules: { declarations?: Record<string, any>[] }[] };

/**
 * Autodocs reads attributes, properties, events, slots, parts and CSS properties from the manifest
 * (`npm run manifest`, run by the storybook scripts). Storybook would also list private and static
 * members as properties; keep the public API only.
 */
function forDocs(cem: Manifest): Manifest {
  return {
    ...cem,
    modules: cem.modules.map(mod => ({
      ...mod,
      declarations: mod.declarations?.map(d =>
        d.customElement
          ? { ...d, members: d.members?.filter((m: Record<string, any>) => !m.static && (m.privacy ?? 'public') === 'public') }
          : d,
      ),
    })),
  };
}
setCustomElementsManifest(forDocs(manifest as Manifest));

/**
 * Puts every story on a page with the toolbar's theme, direction, language and motion. A toolbar
 * cannot emulate media features (`forced-colors`, `prefers-reduced-motion`): the descriptions
 * below say what each item does instead.
 */
const withPage: Decorator = (story, { globals, viewMode }) =>
  html`<div
    class="sb-page ${viewMode === 'docs' ? '' : 'sb-page--story'}"
    data-theme=${globals.theme}
    data-motion=${globals.motion}
    dir=${globals.direction === 'rtl' ? 'rtl' : 'ltr'}
    lang=${globals.lang}
  >
    ${story()}
  </div>`;

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withPage],
  globalTypes: {
    theme: {
      description:
        'Light or dark sets the page\'s `color-scheme` (the elements follow it through `light-dark()` and system colours). ' +
        'High contrast is a theme of `--verify-*` tokens (docs/themes/high-contrast.css), not forced colours: ' +
        'for those, DevTools › Rendering › "Emulate CSS media feature forced-colors", or a Windows contrast theme.',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'high-contrast', title: 'High contrast (tokens)', icon: 'eye' },
        ],
        dynamicTitle: true,
      },
    },
    direction: {
      description: 'Text direction of the page',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
    lang: {
      description: '`lang` of the page around the story; the elements speak the language of the nearest `lang`.',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'ja', title: '日本語' },
          { value: 'it', title: 'Italiano' },
          { value: 'pl', title: 'Polski' },
        ],
        dynamicTitle: true,
      },
    },
    motion: {
      description:
        'Reduce stops the kit\'s animations and transitions with `::part()` rules (docs/themes/reduced-motion.css), as a page ' +
        'with its own setting would. It does not switch `prefers-reduced-motion`, which the elements follow by themselves: ' +
        'check that with DevTools › Rendering › "Emulate CSS media feature prefers-reduced-motion".',
      toolbar: {
        title: 'Motion',
        icon: 'play',
        items: [
          { value: 'full', title: 'Motion as the system says', icon: 'play' },
          { value: 'reduce', title: 'Reduced motion (::part rules)', icon: 'stop' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', direction: 'ltr', lang: 'en', motion: 'full' },
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'requiredFirst' },
  },
};

export default preview;
