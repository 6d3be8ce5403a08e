/**
 * OpenAPI 3.1 description of the Kilo Chat HTTP API (`kilo-chat.openapi.json`),
 * built from the route table (`packages/kilo-chat/src/routes.ts`) and the zod
 * schemas it names.
 *
 * - Request and response bodies are named components, called after the
 *   schema's export (`createMessageRequestSchema` → `CreateMessageRequest`).
 *   When several exports are the same schema object, the shortest name that
 *   does not start with `bot` wins, so the output never depends on import order.
 * - Every schema is rendered with zod's `input` view: the wire shape a sender
 *   produces. Checks JSON Schema cannot express (refinements) are left out;
 *   the zod schemas stay the authority.
 * - Output is deterministic: paths are sorted, methods come in a fixed order,
 *   and components are sorted by name.
 *
 * zod is a dependency of the package, not of the repository root, so this
 * module calls each schema's own `toJSONSchema` method instead of importing zod.
 */
import {
  kiloChatBotAuthErrors,
  kiloChatCommonErrors,
  kiloChatRouteList,
} from '../../packages/kilo-chat/src/routes';
import type { KiloChatRoute, KiloChatRouteError } from '../../packages/kilo-chat/src/routes';
import * as wireSchemas from '../../packages/kilo-chat/src/schemas/index';

type JsonObject = Record<string, unknown>;

/** The part of a zod 4 schema this generator uses. */
interface JsonSchemaSource {
  safeParse: (value: unknown) => unknown;
  toJSONSchema: (params: { target: 'draft-2020-12'; unrepresentable: 'any'; io: 'input' }) => JsonObject;
}

const METHOD_ORDER = ['get', 'post', 'patch', 'delete'] as const;

function isSchema(value: unknown): value is JsonSchemaSource {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<JsonSchemaSource>).safeParse === 'function' &&
    typeof (value as Partial<JsonSchemaSource>).toJSONSchema === 'function'
  );
}

function toJson(schema: unknown): JsonObject {
  if (!isSchema(schema)) throw new Error('expected a zod schema');
  const { $schema: _dialect, ...rest } = schema.toJSONSchema({
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io: 'input',
  });
  return rest;
}

function componentName(exportName: string): string {
  const base = exportName.replace(/Schema$/, '');
  return base.charAt(0).toUpperCase() + base.slice(1);
}

function preferName(current: string | undefined, candidate: string): string {
  if (current === undefined) return candidate;
  const rank = (name: string) => [name.startsWith('bot') ? 1 : 0, name.length, name] as const;
  const [a, b] = [rank(current), rank(candidate)];
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return current;
    if (a[i]! > b[i]!) return candidate;
  }
  return current;
}

/** Maps each exported schema object to the component name it is published under. */
function schemaNames(): Map<unknown, string> {
  const names = new Map<unknown, string>();
  for (const [exportName, value] of Object.entries(wireSchemas as Record<string, unknown>)) {
    if (!isSchema(value) || !exportName.endsWith('Schema')) continue;
    names.set(value, preferName(names.get(value), componentName(exportName)));
  }
  return names;
}

function errorResponses(route: KiloChatRoute): JsonObject {
  const all: KiloChatRouteError[] = [
    ...(route.body !== undefined ? kiloChatCommonErrors.filter((e) => e.status === 400) : []),
    ...kiloChatCommonErrors.filter((e) => e.status !== 400),
    ...(route.auth === 'bot' ? kiloChatBotAuthErrors : []),
    ...route.errors,
  ];
  const byStatus = new Map<number, KiloChatRouteError[]>();
  for (const error of all) byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);

  const responses: JsonObject = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const lines = byStatus.get(status)!.map((e) => `- \`${e.error}\`: ${e.when}`);
    responses[String(status)] = {
      description: lines.join('\n'),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  return responses;
}

function parameters(route: KiloChatRoute): JsonObject[] {
  const list: JsonObject[] = [];
  const add = (location: 'path' | 'query', schema: unknown) => {
    if (schema === undefined) return;
    const json = toJson(schema);
    const properties = (json.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      list.push({ name, in: location, required: location === 'path' || required.has(name), schema: property });
    }
  };
  add('path', route.params);
  add('query', route.query);
  return list;
}

function pascal(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

/** Returns `{ 'kilo-chat.openapi.json': <OpenAPI 3.1 document> }`. */
export function generate(): Record<string, unknown> {
  const names = schemaNames();
  const components: Record<string, JsonObject> = {};
  const ref = (schema: unknown, fallbackName: string): JsonObject => {
    const name = names.get(schema) ?? fallbackName;
    const json = toJson(schema);
    const existing = components[name];
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(json)) {
      throw new Error(`two different schemas would be published as ${name}`);
    }
    components[name] = json;
    return { $ref: `#/components/schemas/${name}` };
  };

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of kiloChatRouteList) {
    const operation: JsonObject = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.auth === 'user' ? 'human' : 'bot'],
      'x-route-id': route.id,
      'x-client-deadline-ms': route.deadline === 'send' ? 30_000 : 15_000,
      security: [route.auth === 'user' ? { kiloJwt: [] } : { gatewayToken: [] }],
    };
    const params = parameters(route);
    if (params.length > 0) operation.parameters = params;
    if (route.body !== undefined) {
      operation.requestBody = {
        required: route.bodyOptional !== true,
        content: { 'application/json': { schema: ref(route.body, `${pascal(route.operationId)}Request`) } },
      };
    }
    const success = { content: { 'application/json': { schema: ref(route.response, `${pascal(route.operationId)}Response`) } } };
    const responses: JsonObject = {
      [String(route.successStatus)]: { description: 'Success.', ...success },
    };
    for (const status of route.otherSuccessStatuses ?? []) {
      responses[String(status)] = { description: 'Success (no change: the result already existed).', ...success };
    }
    Object.assign(responses, errorResponses(route));
    operation.responses = responses;

    const method = route.method.toLowerCase();
    paths[route.path] = { ...paths[route.path], [method]: operation };
  }

  const sortedPaths: Record<string, JsonObject> = {};
  for (const path of Object.keys(paths).sort()) {
    const methods = paths[path]!;
    const ordered: JsonObject = {};
    for (const method of METHOD_ORDER) if (methods[method] !== undefined) ordered[method] = methods[method];
    sortedPaths[path] = ordered;
  }

  components.ErrorBody = {
      type: 'object',
      description:
        'Every error body. `issues` (zod issues) accompanies `Invalid request` and `Invalid query parameters`; an edit conflict adds `messageId`; a refused bot conversation adds `invalidMembers`.',
      properties: {
        error: { type: 'string' },
        issues: { type: 'array', items: { type: 'object' } },
        messageId: { type: 'string' },
        invalidMembers: { type: 'array', items: { type: 'string' } },
      },
      required: ['error'],
  };
  const schemas: Record<string, JsonObject> = {};
  for (const name of Object.keys(components).sort()) schemas[name] = components[name]!;

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Kilo Chat HTTP API',
      version: '1.0.0',
      description:
        'Human routes (`/v1`, Kilo JWT) and bot routes (`/bot/v1/sandboxes/{sandboxId}`, gateway token). Generated from the `@kilocode/kilo-chat` route table and zod schemas; see spec/kilo-chat.md §13 for behaviour.',
    },
    tags: [
      { name: 'human', description: 'Called by apps for a signed-in user (H1–H21).' },
      { name: 'bot', description: 'Called by a sandbox bot (B1–B18).' },
    ],
    paths: sortedPaths,
    components: {
      securitySchemes: {
        kiloJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Kilo user JWT (audience `kilo-chat`).' },
        gatewayToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'Lowercase hex HMAC-SHA256 of the path `sandboxId`, keyed with the gateway secret (64 characters).',
        },
      },
      schemas,
    },
  };
  return { 'kilo-chat.openapi.json': document };
}
