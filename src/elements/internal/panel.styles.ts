import { css } from 'lit';

/**
 * The box of `<verify-enroll>` and `<verify-totp-enroll>` and its heading line; each element sets
 * the box's gap, width and padding with its own tokens.
 */
export const panel = css`
  :host {
    display: block;
  }
  [part='container'] {
    display: grid;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--verify-surface, Canvas);
    overflow-wrap: anywhere;
  }
  /* It takes focus from script only (tabindex="-1"): no ring. */
  [part='title'] {
    font-weight: 600;
    font-size: 1.125rem;
    outline: none;
  }
`;
