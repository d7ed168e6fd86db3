import { css } from 'lit';
import { base } from '../internal/base.styles.js';
import { buttons } from '../internal/button.styles.js';

export const styles = [
  base,
  buttons,
  css`
  :host {
    display: block;
  }
  [part='container'] {
    display: grid;
    gap: var(--verify-totp-gap, 0.75rem);
    max-inline-size: var(--verify-totp-max-width, 28rem);
    padding: var(--verify-totp-padding, 1.25rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--verify-surface, Canvas);
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
  [part='title'] {
    font-weight: 600;
    font-size: 1.125rem;
    outline: none;
  }
  [part='intro'] {
    color: var(--_muted);
  }
  /* Black on white in every theme: not every scanner reads an inverted code. */
  [part='qr'] {
    inline-size: var(--verify-totp-qr-size, 12rem);
    aspect-ratio: 1;
    forced-color-adjust: none;
  }
  [part='key'] {
    font-size: 1.125rem;
    letter-spacing: 0.05em;
    margin-inline-end: 0.5rem;
    user-select: all;
  }
  [part='form'] {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  [part='error'] {
    color: var(--_error);
  }
  [part~='button-copy'] {
    background: none;
    color: var(--_accent);
  }
`,
];
