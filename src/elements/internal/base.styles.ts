import { css } from 'lit';

/** What every element of the kit shares: its colour tokens (light and dark), text, `hidden`, and a visually hidden live region. */
export const base = css`
  :host {
    --_accent: var(--verify-accent, light-dark(#1d4ed8, #93c5fd));
    --_on-accent: var(--verify-on-accent, light-dark(#fff, #0b1220));
    --_border: var(--verify-border-color, light-dark(#6b7280, #9ca3af));
    --_muted: var(--verify-muted-color, light-dark(#4b5563, #d1d5db));
    --_error: var(--verify-error-color, light-dark(#b91c1c, #fca5a5));
    --_radius: var(--verify-radius, 0.5rem);
    color: var(--verify-text-color, CanvasText);
    font-family: var(--verify-font-family, inherit);
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
