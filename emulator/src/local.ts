import { E } from './errors.js';

/** Loopback names: what a page on the same machine uses, and what a DNS-rebinding page cannot name. */
const LOOPBACK = /^(localhost|([a-z0-9-]+\.)+localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The host name of a Host header, without its port, lowercase. */
export const hostName = (host: string): string => (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '')).toLowerCase();

/**
 * A fetch handler that answers only requests addressed (Host header) to a loopback name or to one
 * of `allowedHosts` (`*`: any), so that a web page whose name was rebound to 127.0.0.1 cannot
 * drive the emulator. Others get a 403 with a Twilio error body that says how to allow them.
 */
export function loopbackOnly(fetch: (req: Request) => Response | Promise<Response>, allowedHosts: string[] = []) {
  const allowed = new Set(allowedHosts.map(hostName));
  const any = allowed.has('*');
  return (req: Request): Response | Promise<Response> => {
    const host = req.headers.get('host') ?? '';
    const name = hostName(host);
    if (any || LOOPBACK.test(name) || allowed.has(name)) return fetch(req);
    const error = E.foreignHost(host);
    return Response.json(error.toJSON(), { status: error.status });
  };
}
