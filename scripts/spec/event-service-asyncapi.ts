/**
 * AsyncAPI 3.0 description of the Event Service socket (`GET /connect`),
 * written to `spec/generated/event-service.asyncapi.json`.
 *
 * The document describes the server: `receive` operations are frames a
 * client sends, `send` operations are frames the server sends. Frame
 * payloads come from the zod schemas of `@kilocode/event-service` (through
 * each schema's own `toJSONSchema`, since zod is a package dependency and
 * not one of the repository root). When the kilo-chat event registry is
 * present, every kilo-chat event gets its own message: the `event` envelope
 * with `event` fixed to the name and `payload` from the registry.
 *
 * Output is deterministic: names are sorted and nothing depends on time or
 * the machine.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ackMessageSchema,
  connectTicketQuerySchema,
  contextSubscribeMessageSchema,
  contextUnsubscribeMessageSchema,
  errorMessageSchema,
  eventMessageSchema,
} from '../../packages/event-service/src/schemas';
import {
  EVENT_SERVICE_SUBPROTOCOL,
  MAX_CONTEXTS,
  MAX_CONTEXT_LENGTH,
  SERVER_UNACKED_LIMIT,
  TICKET_TTL_MS,
} from '../../packages/event-service/src/limits';
import { CLOSE_CODES } from '../../packages/event-service/src/codes';

type JsonObject = Record<string, unknown>;

/** The part of a zod 4 schema this generator uses. */
interface JsonSchemaSource {
  toJSONSchema(params: { target: 'draft-7'; unrepresentable: 'any'; io: 'input' }): JsonObject;
}

/** The part of the kilo-chat event registry this generator uses. */
interface KiloChatEventRegistry {
  KILO_CHAT_EVENT_NAMES: readonly string[];
  getKiloChatEventPayloadSchema(name: string): JsonSchemaSource;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function jsonSchema(schema: JsonSchemaSource): JsonObject {
  // The input view: what a receiver accepts (unknown keys allowed, defaulted fields optional).
  // AsyncAPI schemas are a superset of JSON Schema draft 07; the $schema key is noise inside a document.
  const { $schema: _ignored, ...rest } = schema.toJSONSchema({ target: 'draft-7', unrepresentable: 'any', io: 'input' });
  return rest;
}

async function loadKiloChatEvents(): Promise<KiloChatEventRegistry | undefined> {
  try {
    const registry = (await import('../../packages/kilo-chat/src/events')) as Partial<KiloChatEventRegistry>;
    if (!Array.isArray(registry.KILO_CHAT_EVENT_NAMES) || typeof registry.getKiloChatEventPayloadSchema !== 'function') {
      return undefined;
    }
    return registry as KiloChatEventRegistry;
  } catch {
    return undefined;
  }
}

function messageRef(name: string): JsonObject {
  return { $ref: `#/components/messages/${name}` };
}

function channelMessageRef(name: string): JsonObject {
  return { $ref: `#/channels/connect/messages/${name}` };
}

/** Returns `{ 'event-service.asyncapi.json': <AsyncAPI 3.0 document> }`. */
export async function generate(): Promise<Record<string, unknown>> {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', 'event-service', 'package.json'), 'utf8')) as {
    version: string;
  };
  const eventEnvelope = jsonSchema(eventMessageSchema as unknown as JsonSchemaSource);

  const messages: Record<string, JsonObject> = {
    ping: {
      name: 'ping',
      title: 'Keepalive ping',
      summary: 'The literal text `ping`, sent by the client every 15 s while open. Not JSON.',
      contentType: 'text/plain',
      payload: { type: 'string', const: 'ping' },
    },
    pong: {
      name: 'pong',
      title: 'Keepalive pong',
      summary: 'The literal text `pong`, the server answer to every `ping`. Not JSON; it carries no seq.',
      contentType: 'text/plain',
      payload: { type: 'string', const: 'pong' },
    },
    contextSubscribe: {
      name: 'context.subscribe',
      title: 'Subscribe to contexts',
      summary: `Adds contexts to this socket (at most ${MAX_CONTEXTS} per frame and per socket; each 1–${MAX_CONTEXT_LENGTH} characters). An invalid frame is ignored whole; overflow past the socket limit is dropped and answered with one too_many_contexts error.`,
      payload: jsonSchema(contextSubscribeMessageSchema as unknown as JsonSchemaSource),
    },
    contextUnsubscribe: {
      name: 'context.unsubscribe',
      title: 'Unsubscribe from contexts',
      summary: 'Removes contexts from this socket; unknown ones are ignored.',
      payload: jsonSchema(contextUnsubscribeMessageSchema as unknown as JsonSchemaSource),
    },
    ack: {
      name: 'ack',
      title: 'Acknowledge events',
      summary: `Every event up to seq has arrived. Once a socket has acked, more than ${SERVER_UNACKED_LIMIT} unacknowledged events close it with ${CLOSE_CODES.tooManyUnacked}.`,
      payload: jsonSchema(ackMessageSchema as unknown as JsonSchemaSource),
    },
    event: {
      name: 'event',
      title: 'Event',
      summary: 'One event pushed to a context this socket holds. seq counts events on this socket from 1.',
      payload: eventEnvelope,
    },
    error: {
      name: 'error',
      title: 'Error',
      summary: 'A subscribe overflowed the per-socket context limit; the excess contexts were not added. The socket stays open.',
      payload: jsonSchema(errorMessageSchema as unknown as JsonSchemaSource),
    },
  };

  const kiloChat = await loadKiloChatEvents();
  const kiloChatMessageNames: string[] = [];
  if (kiloChat !== undefined) {
    const envelopeProperties = (eventEnvelope.properties ?? {}) as JsonObject;
    for (const eventName of [...kiloChat.KILO_CHAT_EVENT_NAMES].sort()) {
      const key = `kiloChat_${eventName.replace(/[^A-Za-z0-9]+/g, '_')}`;
      kiloChatMessageNames.push(key);
      messages[key] = {
        name: eventName,
        title: `kilo-chat ${eventName}`,
        summary: `The event frame of the kilo-chat event \`${eventName}\`, with its payload schema.`,
        tags: [{ name: 'kilo-chat' }],
        payload: {
          ...eventEnvelope,
          properties: {
            ...envelopeProperties,
            event: { type: 'string', const: eventName },
            payload: jsonSchema(kiloChat.getKiloChatEventPayloadSchema(eventName)),
          },
        },
      };
    }
  }

  const clientFrames = ['ping', 'contextSubscribe', 'contextUnsubscribe', 'ack'];
  const serverFrames = ['pong', 'event', 'error', ...kiloChatMessageNames];
  const channelMessages = Object.fromEntries(Object.keys(messages).map((name) => [name, messageRef(name)]));

  const document = {
    asyncapi: '3.0.0',
    info: {
      title: 'Kilo Event Service',
      version: pkg.version,
      description: [
        'The realtime socket of the Kilo Event Service.',
        '',
        `A client first exchanges its bearer token for a single-use ticket (\`POST /connect-ticket\` with \`Authorization: Bearer <token>\`, answered with \`{"ticket": "<uuid>"}\`, valid ${TICKET_TTL_MS / 1000} s), then opens \`GET /connect?ticket=<ticket>\` offering the subprotocol \`${EVENT_SERVICE_SUBPROTOCOL}\`. The token never appears in the socket URL.`,
        '',
        'This document describes the server: `receive` operations are frames clients send, `send` operations are frames the server sends. Keepalive frames are plain text; everything else is JSON. See spec/event-service.md for the full protocol, the close codes and the client behaviour.',
      ].join('\n'),
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      production: {
        host: 'events.kiloapps.io',
        protocol: 'wss',
        description: 'Production. The ticket endpoint is https://events.kiloapps.io/connect-ticket.',
      },
      local: {
        host: 'localhost:8809',
        protocol: 'ws',
        description: 'Local development server.',
      },
    },
    channels: {
      connect: {
        address: '/connect',
        title: 'Event socket',
        description: `One socket per client. Contexts are opaque strings matched exactly; a socket receives events only for the contexts it holds (at most ${MAX_CONTEXTS}).`,
        messages: channelMessages,
        bindings: {
          ws: {
            method: 'GET',
            query: {
              ...jsonSchema(connectTicketQuerySchema as unknown as JsonSchemaSource),
              description: 'The single-use ticket from POST /connect-ticket.',
            },
            headers: {
              type: 'object',
              properties: {
                'Sec-WebSocket-Protocol': {
                  type: 'string',
                  const: EVENT_SERVICE_SUBPROTOCOL,
                  description: 'Offered by the client; echoed by the server when offered.',
                },
              },
            },
            bindingVersion: '0.1.0',
          },
        },
      },
    },
    operations: {
      receiveClientFrames: {
        action: 'receive',
        channel: { $ref: '#/channels/connect' },
        title: 'Frames from the client',
        messages: clientFrames.map(channelMessageRef),
      },
      sendServerFrames: {
        action: 'send',
        channel: { $ref: '#/channels/connect' },
        title: 'Frames to the client',
        messages: serverFrames.map(channelMessageRef),
      },
    },
    components: { messages },
  };
  return { 'event-service.asyncapi.json': document };
}
