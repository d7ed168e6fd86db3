import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { html } from 'lit';
import manifest from '../custom-elements.json';
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

/** Puts every story on a page with the toolbar's direction and colour scheme. */
const withPage: Decorator = (story, { globals, viewMode }) =>
  html`<div
    class="sb-page ${viewMode === 'docs' ? '' : 'sb-page--story'}"
    dir=${globals.direction === 'rtl' ? 'rtl' : 'ltr'}
    style="color-scheme: ${globals.scheme === 'dark' ? 'dark' : 'light'}"
  >
    ${story()}
  </div>`;

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withPage],
  globalTypes: {
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
    scheme: {
      description: 'Colour scheme of the page',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { direction: 'ltr', scheme: 'light' },
  parameters: {
    layout: 'fullscreen',
    a11y: { test: 'error' },
    controls: { expanded: true, sort: 'requiredFirst' },
  },
};

export default preview;
