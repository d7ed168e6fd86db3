import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
  /* Empty boxes have no text baseline, so baseline alignment would make the line taller while the
     code is empty: aligned otherwise, nothing below moves when the first character arrives. */
  :host {
    display: inline-block;
    vertical-align: middle;
  }
  /* The real input lies over the boxes. A password manager puts its badge at the input's right end:
     with password-manager-badge="reserve" the field keeps a strip for it there; once a badge is found
     ("auto"), the input reaches past the field over the page instead, and the boxes stay put. */
  /* A block holding a flex row, not flex in flex: half the layout time of 500 fields. */
  [part='field'] {
    position: relative;
  }
  .reserve {
    padding-right: var(--verify-otp-badge-room, 2.5rem);
  }
  .badge ::slotted(input) {
    width: calc(100% + var(--verify-otp-badge-room, 2.5rem)) !important;
    /* The room only carries the badge: clicks there reach the page. */
    clip-path: inset(0 var(--verify-otp-badge-room, 2.5rem) 0 0) !important;
  }
  /* !important: page styles for inputs must not bring back what the boxes replace. */
  ::slotted(input) {
    all: unset !important;
    position: absolute !important;
    inset: 0 !important;
    box-sizing: border-box !important;
    width: 100% !important;
    height: 100% !important;
    padding-left: 0.5rem !important;
    color: transparent !important;
    -webkit-text-fill-color: transparent !important;
    caret-color: transparent !important;
    /* forced colours would paint the hidden text over the first box */
    forced-color-adjust: none !important;
    /* 16px keeps iOS from zooming on focus. */
    font-size: 16px !important;
    cursor: text !important;
    /* A horizontal drag selects boxes (pointer events), a vertical one still scrolls the page. */
    touch-action: pan-y pinch-zoom !important;
    /* Autofill paints its own background over the boxes; this delays it for a week. */
    transition: background-color 0s 604800s !important;
  }
  :host([masked]) ::slotted(input) {
    -webkit-text-security: disc !important;
  }
  :host([disabled]) ::slotted(input) {
    cursor: default !important;
  }
  [part='boxes'] {
    display: flex;
    align-items: center;
    gap: var(--verify-otp-gap, 0.5rem);
  }
  /* Colours here are borders and outlines only (no box-shadow, no painted caret), so forced-colours
     mode keeps every state visible without rules of its own. */
  [part~='box'] {
    /* flex, not grid: half the layout cost when a page holds many fields */
    display: inline-flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    inline-size: var(--verify-otp-box-size, 2.75rem);
    block-size: var(--verify-otp-box-height, 3.25rem);
    border: var(--verify-otp-border-width, 1px) solid var(--_border);
    border-radius: var(--verify-radius, 0.5rem);
    background: var(--verify-surface, Canvas);
    font-size: var(--verify-otp-font-size, 1.5rem);
    font-variant-numeric: tabular-nums;
    line-height: 1;
  }
  [part~='box-active'] {
    border-color: var(--_accent);
    outline: var(--verify-focus-ring-width, 2px) solid var(--_accent);
  }
  /* Thicker as well as red: forced colours and colour-blind eyes see the state too. */
  [part~='box-invalid'] {
    border-color: var(--_error);
    border-width: calc(2 * var(--verify-otp-border-width, 1px));
  }
  .disabled [part~='box'] {
    opacity: 0.5;
  }
  [part='separator'] {
    inline-size: 0.6rem;
    border-top: 2px solid var(--_border);
  }
  [part='placeholder'] {
    color: var(--verify-otp-placeholder-color, var(--_muted));
  }
  [part='caret'] {
    block-size: 1.1em;
    border-left: 2px solid;
    animation: blink 1.1s steps(2, jump-none) infinite;
  }
  @keyframes blink {
    to {
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part='caret'] {
      animation: none;
    }
  }
  [part='error'] {
    margin-block-start: 0.375rem;
    color: var(--_error);
    font-size: var(--verify-error-font-size, 0.875rem);
  }
`,
];

/**
 * Rules the input needs that shadow styles cannot give a light-DOM child: the native selection
 * highlight would paint over the boxes. Adopted once by each root that holds an `<otp-input>`.
 */
export const rootStyles = `otp-input > input::selection { background: transparent; color: transparent; }`;
