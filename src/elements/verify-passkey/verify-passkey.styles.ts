import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
  :host {
    display: block;
  }
  [part='container'] {
    display: grid;
    gap: var(--verify-passkey-gap, 0.75rem);
    max-inline-size: var(--verify-passkey-max-width, 28rem);
    padding: var(--verify-passkey-padding, 1.25rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--verify-surface, Canvas);
    overflow-wrap: anywhere;
  }
  p,
  ol {
    margin: 0;
    padding: 0;
  }
  [part='title'] {
    font-weight: 600;
    font-size: 1.125rem;
    outline: none;
  }
  [part='intro'],
  [part~='step-pending'] {
    color: var(--_muted);
  }
  [part='steps'] {
    display: grid;
    gap: 0.5rem;
    list-style: none;
  }
  /* The state shows in the mark's shape too, never in colour alone. */
  [part='step-icon'] {
    display: inline-block;
    inline-size: 1.5em;
    text-align: center;
  }
  [part~='step-active'] [part='step-icon'] {
    color: var(--_accent);
  }
  [part~='step-done'] [part='step-icon'] {
    color: var(--verify-success-color, light-dark(#15803d, #86efac));
  }
  [part~='step-failed'],
  [part='error'] {
    color: var(--_error);
  }
  /* A border, not only a fill, so forced colours still draw the button. */
  [part~='button'] {
    font: inherit;
    min-block-size: 2.75rem;
    padding-inline: 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  [part~='button']:focus-visible {
    outline: var(--verify-focus-ring-width, 2px) solid var(--_accent);
    outline-offset: 2px;
  }
`,
];
