// The types of totp-backend.mjs, for its TypeScript users (stories/verify-totp-enroll.stories.ts).
export interface TotpUser {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  serviceSid: string;
  identity: string;
}
type Answer<T> = Promise<{ status: number; body: T | { code?: number; message: string } }>;
export function totpEndpoints(user: TotpUser): {
  start(request: { friendlyName?: string }): Answer<{ factorSid: string; uri: string; secret: string }>;
  confirm(request: { factorSid: string; code: string }): Answer<{ status: string }>;
};
