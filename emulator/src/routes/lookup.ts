import { isSid, SID_PREFIX } from 'verify-elements/protocol';
import { E } from '../errors.js';
import type { Store } from '../store.js';

// Path prefixes, shared by the routes that nest under them (Hono types each path's parameters).
export const SERVICE = '/v2/Services/:service';
export const ENTITY = `${SERVICE}/Entities/:identity`;

/** Twilio's rule (its description, and the page of 60366): 8–64 dash-separated alphanumeric characters. */
const IDENTITY = /^[A-Za-z0-9-]{8,64}$/;

/** The service named in the path. */
export function serviceOf(store: Store, path: { service: string }) {
  const service = store.get('services', path.service);
  if (!service) throw E.notFound(`Services/${path.service}`);
  return service;
}

/** Checks an identity: 8–64 letters, digits and dashes. */
export function checkIdentity(identity = ''): string {
  if (!IDENTITY.test(identity)) throw E.invalidIdentity('Identity must be 8–64 letters, digits and dashes; use an opaque user id (a UUID or a hash), never personal data.');
  return identity;
}

/** The entity named in the path. */
export function entityOf(store: Store, path: { service: string; identity: string }) {
  const service = serviceOf(store, path);
  const entity = store.entity(service.sid, checkIdentity(path.identity));
  if (!entity) throw E.entityNotFound();
  return entity;
}

/** The factor named in the path, within the entity. */
export function factorOf(store: Store, path: { service: string; identity: string; factor: string }) {
  const entity = entityOf(store, path);
  if (!isSid(SID_PREFIX.factor, path.factor)) throw E.invalidFactorSid('The factor SID in the path must be YF followed by 32 hex digits.');
  const factor = store.get('factors', path.factor);
  if (!factor || factor.entity_sid !== entity.sid) throw E.notFound(`Factors/${path.factor}`);
  return factor;
}

/** Base of every resource URL under a service. */
export const serviceUrl = (origin: string, serviceSid: string) => `${origin}/v2/Services/${serviceSid}`;

export const entityUrl = (origin: string, row: { service_sid: string; identity: string }) => `${serviceUrl(origin, row.service_sid)}/Entities/${encodeURIComponent(row.identity)}`;
