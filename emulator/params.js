import { E } from './errors.js';
import { parseForm } from './form.js';

/** @typedef {Record<string, string | string[]>} Params */

/**
 * The request's form body, decoded the Twilio way.
 * @param {import('hono').Context} c
 * @returns {Promise<Params>}
 */
export async function formBody(c) {
  const params = parseForm(await c.req.text());
  if (!params) throw E.invalidParam('The form body has a malformed percent escape. Encode it as application/x-www-form-urlencoded.');
  return params;
}

/**
 * The query string, decoded like a form body.
 * @param {import('hono').Context} c
 * @returns {Params}
 */
export function queryParams(c) {
  const url = c.req.url;
  const at = url.indexOf('?');
  const params = at < 0 ? {} : parseForm(url.slice(at + 1));
  if (!params) throw E.invalidParam('The query string has a malformed percent escape.');
  return params;
}

/**
 * One scalar value (the first, when the key was repeated).
 * @param {Params} params
 * @param {string} key
 */
export function one(params, key) {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Every value of a repeated key.
 * @param {Params} params
 * @param {string} key
 */
export function all(params, key) {
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * A whole number within [min, max], or `fallback` when absent.
 * @param {string | undefined} value
 * @param {string} name
 * @param {number} min
 * @param {number} max
 * @param {number} fallback
 */
export function intParam(value, name, min, max, fallback) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw E.invalidParam(`${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value.slice(0, 40))}.`);
  return n;
}

/**
 * A JSON object whose values are all strings (Metadata, HiddenDetails), or undefined when absent.
 * @param {string | undefined} value
 * @param {string} name
 * @param {(message: string) => Error} fail
 * @returns {Record<string, string> | undefined}
 */
export function stringMap(value, name, fail) {
  if (value === undefined) return undefined;
  let parsed;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw fail(`${name} must be a JSON object of strings, e.g. {"ip":"203.0.113.7"}; it is not valid JSON.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every(v => typeof v === 'string')) {
    throw fail(`${name} must be a JSON object whose values are all strings.`);
  }
  return parsed;
}

/** The request origin, for the absolute `url` fields. @param {import('hono').Context} c */
export const origin = c => new URL(c.req.url).origin;
