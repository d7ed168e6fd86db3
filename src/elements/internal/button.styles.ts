import { css } from 'lit';

/** The buttons of `<verify-enroll>` and `<verify-totp-enroll>`: `[part~="button"]`, filled with the accent. */
export const buttons = css`
  /* A border, not only a fill, so forced colours still draw the buttons. */
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
  /* The same ring as the prompt's, not the browser's default. */
  [part~='button']:focus-visible {
    outline: var(--verify-focus-ring-width, 2px) solid var(--_accent);
    outline-offset: 2px;
  }
`;
