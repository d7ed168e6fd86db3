/** How every event of the kit travels: bubbling, and out of shadow roots, so any ancestor can listen. */
export const eventInit = <T>(detail: T) => ({ detail, bubbles: true, composed: true });
