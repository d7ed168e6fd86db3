import type { HonoRequest } from 'hono';
import { E } from './errors.js';
import { parseForm, type Params } from './form.js';

export type { Params };

/** Any request's context: the helpers read only its request. */
export type WithRequest = { req: HonoRequest };

/** The request's form body, decoded the Twilio way. */
export async function formBody(c: WithRequest): Promise<Params> {
  const params = parseForm(await c.req.text());
  if (!params) throw E.invalidParam('The form body has a malformed percent escape. Encode it as application/x-www-form-urlencoded.');
  return params;
}

/** The query string, decoded like a form body. */
export function queryParams(c: WithRequest): Params {
  const url = c.req.url;
  const at = url.indexOf('?');
  const params = at < 0 ? {} : parseForm(url.slice(at + 1));
  if (!params) throw E.invalidParam('The query string has a malformed percent escape.');
  return params;
}

/** One scalar value (the first, when the key was repeated). */
export function one(params: Params, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Every value of a repeated key. */
export function all(params: Params, key: string): string[] {
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A whole number within [min, max], or `fallback` when absent. */
export function intParam(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw E.invalidParam(`${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value.slice(0, 40))}.`);
  return n;
}

/** A JSON object whose values are all strings (Metadata, HiddenDetails), or undefined when absent. */
export function stringMap(value: string | undefined, name: string, fail: (message: string) => Error): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw fail(`${name} must be a JSON object of strings, e.g. {"ip":"203.0.113.7"}; it is not valid JSON.`);
  }
  if (!isStringMap(parsed)) throw fail(`${name} must be a JSON object whose values are all strings.`);
  return parsed;
}

/** Twilio's limit of `Metadata` (factors and challenge answers). */
const MAX_METADATA = 1024;

/** `Metadata`: a JSON object of strings of at most 1024 characters, or undefined when absent. */
export function metadata(params: Params): Record<string, string> | undefined {
  const raw = one(params, 'Metadata');
  if (raw !== undefined && raw.length > MAX_METADATA) throw E.invalidParam(`Metadata may have at most ${MAX_METADATA} characters; it has ${raw.length}.`);
  return stringMap(raw, 'Metadata', E.invalidParam);
}

const isStringMap = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(v => typeof v === 'string');

/** The request origin, for the absolute `url` fields (the request URL up to its path: no URL parsing on every answer). */
export const origin = (c: WithRequest): string => {
  const url = c.req.url;
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return path < 0 ? url : url.slice(0, path);
};
