// Derives JSON Schemas from Twilio's OpenAPI description of Verify v2 (twilio_verify_v2.json, vendored
// verbatim: README.md) and checks answers against them with Ajv. The rules of the derivation are
// in README.md ("From the description to the schemas").
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { TWILIO_ERRORS } from './twilio-errors.js';

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  requestBody?: { content: { 'application/x-www-form-urlencoded': { schema: { required?: string[]; properties: Record<string, Json> } } } };
  responses: Record<string, { content?: { 'application/json': { schema: Json } } }>;
}

interface PathItem {
  'x-twilio'?: { dependentProperties?: Record<string, { mapping: Record<string, string>; resource_url: string }> };
  get?: Operation;
  post?: Operation;
  delete?: Operation;
}

interface Description {
  info: { version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Json> };
}

export const description: Description = JSON.parse(readFileSync(new URL('twilio_verify_v2.json', import.meta.url), 'utf8'));

const ROOT = 'twilio-verify-v2';
const METHODS = ['get', 'post', 'delete'] as const;
export type Method = (typeof METHODS)[number];

/**
 * One OpenAPI 3.0 schema as a JSON Schema of what the API renders: `nullable` becomes a `null` type,
 * every declared property is required and no other is allowed (Twilio renders each property of a
 * resource, null when unset), `uri-map` (`links`) an object of absolute URIs; descriptions,
 * examples and Twilio's `x-twilio` annotations are left out.
 */
export function derive(node: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') out.$ref = `${ROOT}#/$defs/${String(value).split('/').pop()}`;
    else if (key === 'properties') {
      const properties = value as Record<string, Json>;
      out.properties = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, derive(schema)]));
      out.required = Object.keys(properties);
      out.additionalProperties = false;
    } else if (key === 'items') out.items = derive(value as Json);
    else if (key === 'format' && value === 'uri-map') out.additionalProperties = { type: 'string', format: 'uri' };
    else if (['type', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum'].includes(key)) out[key] = value;
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  }
  return out;
}

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    code: { type: 'integer', enum: Object.keys(TWILIO_ERRORS).map(Number) },
    message: { type: 'string', minLength: 1 },
    more_info: { type: 'string', format: 'uri' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
  },
  required: ['code', 'message', 'more_info', 'status'],
  additionalProperties: false,
};

const ajv = new Ajv({ allErrors: true, strict: true, formats: { int64: true } });
// ajv-formats is CommonJS: its plugin is `default` under NodeNext's typing and at run time alike.
addFormats.default(ajv);
ajv.addSchema({ $id: ROOT, $defs: Object.fromEntries(Object.entries(description.components.schemas).map(([name, schema]) => [name, derive(schema)])) });
const validateError = ajv.compile(ERROR_SCHEMA);

/** A path template of the description as a regular expression over request paths. */
const templateRegex = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
const templates = Object.keys(description.paths)
  .map(template => ({ template, regex: templateRegex(template), params: (template.match(/\{/g) ?? []).length }))
  // A literal segment wins over a parameter (`/v2/Attempts/Summary` over `/v2/Attempts/{Sid}`).
  .sort((a, b) => a.params - b.params);

/** The path template of the description that a request path (or a Hono route) falls under. */
export function templateOf(path: string): string | undefined {
  return templates.find(t => t.regex.test(path))?.template;
}

export interface OperationRef {
  template: string;
  method: Method;
  operationId: string;
}

/** The operation of the description for a request, or undefined when it documents none. */
export function operationOf(method: string, path: string): OperationRef | undefined {
  const template = templateOf(path);
  const m = method.toLowerCase() as Method;
  const op = template ? description.paths[template][m] : undefined;
  return template && op ? { template, method: m, operationId: op.operationId } : undefined;
}

const validators = new Map<string, ValidateFunction>();
function responseValidator(op: OperationRef, status: number): ValidateFunction | undefined {
  const key = `${op.operationId} ${status}`;
  if (!validators.has(key)) {
    const schema = description.paths[op.template][op.method]?.responses[String(status)]?.content?.['application/json'].schema;
    if (schema) validators.set(key, ajv.compile(derive(schema)));
  }
  return validators.get(key);
}

/** The documented statuses of an operation's answers. */
export const documentedStatuses = (op: OperationRef) => Object.keys(description.paths[op.template][op.method]?.responses ?? {}).map(Number);

/** An operation's form parameters that the description requires, and those it gives an enumeration of values. */
export function formParams(op: OperationRef): { required: string[]; enums: Record<string, unknown[]> } {
  const schema = description.paths[op.template][op.method]?.requestBody?.content['application/x-www-form-urlencoded'].schema;
  const enums: Record<string, unknown[]> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const resolved = typeof property.$ref === 'string' ? description.components.schemas[property.$ref.split('/').pop() ?? ''] : property;
    if (Array.isArray(resolved?.enum)) enums[name] = resolved.enum;
  }
  return { required: schema?.required ?? [], enums };
}

/** The `links` a resource at this path template must have, each with the URL it must hold. */
export function expectedLinks(template: string, resource: Json, origin: string): Record<string, string> | undefined {
  const dependents = description.paths[template]['x-twilio']?.dependentProperties;
  if (!dependents) return undefined;
  return Object.fromEntries(Object.entries(dependents).map(([name, { mapping, resource_url }]) => [
    name,
    origin + resource_url.replace(/\{(\w+)\}/g, (_, param: string) => encodeURIComponent(String(resource[mapping[param]]))),
  ]));
}

/** Ajv's errors, each with the property it is about. */
const errorsText = (validate: ValidateFunction) =>
  (validate.errors ?? []).map(e => `${e.instancePath || 'body'} ${e.message}${'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`).join('; ');

/**
 * The differences between an error answer and Twilio's errors: its body's shape, a code of Twilio's
 * error pages with the HTTP status its page gives, `more_info` its page. Empty when it conforms.
 */
export function errorProblems(where: string, status: number, body: unknown): string[] {
  if (!validateError(body)) return [`${where}: not Twilio's error body: ${errorsText(validateError)}`];
  const { code, more_info, status: bodyStatus } = body as { code: number; more_info: string; status: number };
  const problems: string[] = [];
  const documented = TWILIO_ERRORS[code]?.status;
  if (documented !== undefined && documented !== status) problems.push(`${where}: Twilio's page of ${code} gives it HTTP status ${documented}`);
  if (bodyStatus !== status) problems.push(`${where}: the body says status ${bodyStatus}`);
  if (more_info !== `https://www.twilio.com/docs/errors/${code}`) problems.push(`${where}: more_info is ${more_info}`);
  return problems;
}

/**
 * Every difference between an answer and the description: its status, its body's schema (errors:
 * `errorProblems`). Empty when it conforms.
 */
export function problemsOf(op: OperationRef, status: number, body: unknown, text: string): string[] {
  const where = `${op.method.toUpperCase()} ${op.template} (${op.operationId}) answered ${status}`;
  if (status >= 400) return errorProblems(where, status, body);
  if (!documentedStatuses(op).includes(status)) return [`${where}: the description documents only ${documentedStatuses(op).join(', ')}`];
  if (status === 204) return text === '' ? [] : [`${where}: a 204 with a body`];
  const validate = responseValidator(op, status);
  if (!validate) return [`${where}: the description has no JSON schema for it`];
  return validate(body) ? [] : [`${where}: ${errorsText(validate)}`];
}
