import { E } from '../errors.js';

/** @typedef {import('../store.js').Store} Store */

const IDENTITY = /^[\w.@+=:~-]{8,64}$/;

/**
 * The service named in the path.
 * @param {Store} store
 * @param {import('hono').Context} c
 */
export function serviceOf(store, c) {
  const service = store.get('services', c.req.param('service') ?? '');
  if (!service) throw E.notFound(`Services/${c.req.param('service')}`);
  return service;
}

/**
 * Checks an identity: 8–64 characters of letters, digits and `_ . @ + = : ~ -`.
 * @param {string | undefined} identity
 */
export function checkIdentity(identity = '') {
  if (!IDENTITY.test(identity)) throw E.invalidIdentity('Identity must be 8–64 characters of letters, digits and _ . @ + = : ~ -; use an opaque user id (a UUID or a hash), never personal data.');
  return identity;
}

/** The identity in the path, checked. @param {import('hono').Context} c */
export const identityOf = c => checkIdentity(c.req.param('identity'));

/**
 * The entity named in the path.
 * @param {Store} store
 * @param {import('hono').Context} c
 */
export function entityOf(store, c) {
  const service = serviceOf(store, c);
  const entity = store.entity(service.sid, identityOf(c));
  if (!entity) throw E.entityNotFound();
  return entity;
}

/** Base of every resource URL under a service. @param {string} origin @param {string} serviceSid */
export const serviceUrl = (origin, serviceSid) => `${origin}/v2/Services/${serviceSid}`;

/** @param {string} origin @param {Record<string, any>} row with `service_sid` and `identity` */
export const entityUrl = (origin, row) => `${serviceUrl(origin, row.service_sid)}/Entities/${encodeURIComponent(row.identity)}`;
