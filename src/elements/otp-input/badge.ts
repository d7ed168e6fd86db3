// Password-manager badges, for <otp-input password-manager-badge="auto">: loaded on first focus.

// Badges of the common password managers, by their markup (as input-otp finds them).
const BADGES = '[data-lastpass-icon-root],com-1password-button,[data-dashlanecreated],[style$="2147483647 !important;"]';
// Password managers add their badge on focus or seconds later: look then, and again.
const PROBES = [0, 2000, 5000];

/** A badge is on the page: known markup, or something other than the input where badges sit, near its right end. */
function badgeFound(input: HTMLInputElement): boolean {
  const { right, top, height } = input.getBoundingClientRect();
  const there = (input.getRootNode() as Document | ShadowRoot).elementFromPoint(right - 18, top + height / 2);
  return !!document.querySelector(BADGES) || (!!there && there !== input);
}

/**
 * Whether the input, grown past `host` for the badge, ends inside the viewport and inside every box
 * that clips or scrolls around it: otherwise it would add a scroll bar, or the badge would be cut off.
 */
function roomFits(host: Element, input: HTMLInputElement): boolean {
  const right = input.getBoundingClientRect().right;
  for (let el: Element | null = host; (el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null)); ) {
    if (getComputedStyle(el).overflowX !== 'visible') return right <= el.getBoundingClientRect().left + el.clientLeft + el.clientWidth;
  }
  return right <= document.documentElement.clientWidth;
}

/**
 * Looks for a badge while `input` keeps focus; once one is found, `show(true)` grows the input for it
 * (resolving once that is drawn), and `show(false)` takes the room back if it does not fit.
 */
export function watchForBadge(host: Element, input: HTMLInputElement, show: (room: boolean) => Promise<unknown>): void {
  let found = false;
  for (const delay of PROBES) {
    setTimeout(async () => {
      if (found || (input.getRootNode() as Document | ShadowRoot).activeElement !== input || !badgeFound(input)) return;
      found = true;
      await show(true);
      if (!roomFits(host, input)) await show(false);
    }, delay);
  }
}
