// Kept apart from errors.ts so elements can name a code without loading the client up front.
/** Client-side codes, as the official SDKs number them (API errors keep the API's own code). */
export const NETWORK_ERROR = 60401;
export const MAPPER_ERROR = 60402;
export const STORAGE_ERROR = 60403;
export const INPUT_ERROR = 60404;
export const KEY_STORAGE_ERROR = 60405;
export const INITIALIZATION_ERROR = 60406;
export const AUTHENTICATION_TOKEN_ERROR = 60407;
