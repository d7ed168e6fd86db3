/**
 * Whether this is the development build. Warnings meant for the developer of a page (invalid
 * attributes, a tag defined twice, an SMS code Android may ignore) sit behind it: the production
 * build (`dist/`, the default export condition) replaces this module with `false` and ships none of
 * them; the development build (`dist/development/`, export condition `development`) keeps them all.
 */
export const DEV_MODE: boolean = true;
