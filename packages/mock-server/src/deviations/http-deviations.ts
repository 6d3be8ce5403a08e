import { decodeTime } from 'ulid';
import { defineDeviation } from './deviation.js';
import { jsonResponse, rewriteRequest, rewriteResponse, route } from './http-tools.js';

type Json = Record<string, unknown>;

/** `/v1` or `/bot/v1/sandboxes/<id>`: the routes both surfaces share. */
const EITHER = '(?:/v1|/bot/v1/sandboxes/[^/]+)';
const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const textBlocks = (content: unknown, edit: (text: string) => string) =>
  Array.isArray(content)
    ? content.map((block: Json) => (block?.type === 'text' && typeof block.text === 'string' ? { ...block, text: edit(block.text) } : block))
    : content;

/**
 * Wrong servers emulated at the HTTP boundary: each rewrites a request or a
 * response of the correct server, as a plausible bug would.
 */
export const httpDeviations = [
  // Auth
  defineDeviation({
    name: 'unauthorized-body',
    description: 'a /v1 request without a valid bearer gets 401 {"error":"unauthenticated"} instead of {"error":"Unauthorized"}',
    reference: 'kilo-chat.md §1.2; §7 Auth',
    install: (h) => h.http(rewriteResponse('GET', /^\/v1\//, (body, status) => (status === 401 ? { error: 'unauthenticated' } : undefined))),
  }),
  defineDeviation({
    name: 'gateway-token-on-v1',
    description: 'a /v1 request with a 64-hex gateway token as bearer is served (an empty list) instead of 401',
    reference: 'kilo-chat.md §1.2 (/v1 takes user JWTs only)',
    install: (h) =>
      h.http(route('GET', /^\/v1\/conversations$/, async (call, next) =>
        /^Bearer [0-9a-f]{64}$/.test(call.request.headers.get('authorization') ?? '') ? jsonResponse(200, { conversations: [], hasMore: false, nextCursor: null }) : next())),
  }),
  defineDeviation({
    name: 'bot-token-before-sandbox-id',
    description: 'a bot route checks the token before the sandboxId, so an invalid sandboxId gets 401 instead of 400',
    reference: 'kilo-chat.md §1.3 (sandboxId checked first); §7 Auth',
    install: (h) =>
      h.http(async (call, next) => {
        const response = await next();
        return call.path.startsWith('/bot/v1/sandboxes/') && response.status === 400 && /Invalid sandboxId/.test(await response.clone().text())
          ? jsonResponse(401, { error: 'Unauthorized' })
          : response;
      }),
  }),
  defineDeviation({
    name: 'ticket-spent-by-426',
    description: 'GET /connect without an upgrade consumes the ticket before answering 426',
    reference: 'event-service.md §1.3 (1) (426 leaves the ticket alone)',
    install: (h) =>
      h.http(route('GET', /^\/connect$/, async (call, next) => {
        const ticket = call.url.searchParams.get('ticket');
        if (ticket) h.core.tickets.consume(ticket);
        return next();
      })),
  }),
  defineDeviation({
    name: 'ticket-without-bearer',
    description: 'POST /connect-ticket without a bearer mints an anonymous ticket instead of answering 401',
    reference: 'event-service.md §1.2',
    install: (h) =>
      h.http(route('POST', /^\/connect-ticket$/, async (call, next) =>
        call.request.headers.get('authorization') ? next() : jsonResponse(200, { ticket: h.core.tickets.mint('anonymous') }))),
  }),

  // Conversations
  defineDeviation({
    name: 'created-row-read',
    description: 'the list row in a create response has lastReadAt = joinedAt instead of null',
    reference: 'kilo-chat.md §2.1 H1; §3.6',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/v1\/conversations$/, (body, status) => {
        const row = body.conversation as Json | undefined;
        return status === 201 && row ? { ...body, conversation: { ...row, lastReadAt: row.joinedAt } } : undefined;
      })),
  }),
  defineDeviation({
    name: 'whitespace-title-accepted',
    description: 'a whitespace-only title is taken as no title on create and ignored on rename (200) instead of 400',
    reference: 'kilo-chat.md §3.1 Title; §2.1 H1, H4; §2.2 B10',
    install: (h) => {
      h.http(rewriteRequest('POST', /^\/v1\/conversations$/, (body) => (typeof body.title === 'string' && body.title.trim() === '' ? { ...body, title: undefined } : undefined)));
      h.http(route('PATCH', new RegExp(`^${EITHER}/conversations/[^/]+$`), async (call, next) => {
        const body = (await call.json()) as Json | undefined;
        return typeof body?.title === 'string' && body.title.trim() === '' ? jsonResponse(200, { ok: true }) : next();
      }));
    },
  }),
  defineDeviation({
    name: 'long-title-truncated',
    description: 'a rename to a title over 200 characters is cut to 200 and accepted instead of 400',
    reference: 'kilo-chat.md §3.1 Title; §2.1 H4',
    install: (h) =>
      h.http(rewriteRequest('PATCH', /^\/v1\/conversations\/[^/]+$/, (body) =>
        typeof body.title === 'string' && body.title.trim().length > 200 ? { ...body, title: body.title.trim().slice(0, 200) } : undefined)),
  }),
  defineDeviation({
    name: 'sandbox-access-wording',
    description: 'creating in a sandbox the caller does not own gets 403 {"error":"Forbidden"} instead of "You do not have access to this sandbox"',
    reference: 'kilo-chat.md §2.1 H1; §7 Conversations',
    install: (h) => h.http(rewriteResponse('POST', /^\/v1\/conversations$/, (_body, status) => (status === 403 ? { error: 'Forbidden' } : undefined))),
  }),
  defineDeviation({
    name: 'unknown-conversation-404',
    description: 'details of a conversation the caller cannot see answer 404 instead of 403',
    reference: 'kilo-chat.md §2.1 H3 (403 for non-members and unknown ids)',
    install: (h) =>
      h.http(rewriteResponse('GET', /^\/v1\/conversations\/[^/]+$/, (_body, status) => (status === 403 ? [404, { error: 'Conversation not found' }] : undefined))),
  }),
  defineDeviation({
    name: 'list-ascending',
    description: 'conversation list pages are in ascending order (oldest activity first) instead of descending',
    reference: 'kilo-chat.md §3.6 Conversation cursor (coalesce(lastActivityAt, joinedAt) desc, then id desc)',
    install: (h) =>
      h.http(rewriteResponse('GET', new RegExp(`^${EITHER}/conversations$`), (body, status) =>
        status === 200 && Array.isArray(body.conversations) ? { ...body, conversations: [...body.conversations].reverse() } : undefined)),
  }),
  defineDeviation({
    name: 'cursor-on-last-page',
    description: 'list pages carry a nextCursor even when hasMore is false',
    reference: 'kilo-chat.md §3.6 (nextCursor only when hasMore)',
    install: (h) =>
      h.http(rewriteResponse('GET', new RegExp(`^${EITHER}/conversations(?:/[^/]+/messages)?$`), (body, status) => {
        if (status !== 200 || body.hasMore !== false) return undefined;
        const rows = (body.conversations ?? body.messages) as Json[] | undefined;
        const last = rows?.at(-1);
        return { ...body, nextCursor: String(last?.id ?? last?.conversationId ?? 'end') };
      })),
  }),
  defineDeviation({
    name: 'bots-outlive-humans',
    description: 'when the last human leaves, the bot stays active: its members route still answers 200',
    reference: 'kilo-chat.md §6.7 (no active users left → bots deactivated)',
    install: (h) =>
      h.http(rewriteResponse('GET', /^\/bot\/v1\/sandboxes\/[^/]+\/conversations\/([^/]+)\/(members|messages)$/, (_body, status, _call, match) => {
        const conversation = h.core.conversations.get(match[1] as string);
        if (status !== 403 || !conversation) return undefined;
        return match[2] === 'members' ? [200, { members: h.core.wireMembers(conversation) }] : [200, { messages: [], hasMore: false, nextCursor: null }];
      })),
  }),
  defineDeviation({
    name: 'invalid-members-omitted',
    description: 'B12 with additionalMembers answers 400 without the invalidMembers list',
    reference: 'kilo-chat.md §2.2 B12',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/bot\/v1\/sandboxes\/[^/]+\/conversations$/, (body, status) =>
        status === 400 && 'invalidMembers' in body ? { error: body.error } : undefined)),
  }),

  // Messages
  defineDeviation({
    name: 'client-id-not-echoed',
    description: 'a send response leaves out the clientId it was given',
    reference: 'kilo-chat.md §2.1 H7; §3.4',
    install: (h) =>
      h.http(rewriteResponse('POST', new RegExp(`^${EITHER}/messages$`), (body, status) => {
        if (status !== 201) return undefined;
        const { clientId: _dropped, ...rest } = body;
        return rest;
      })),
  }),
  defineDeviation({
    name: 'any-client-id',
    description: 'a clientId that is not a ULID is ignored instead of rejected with 400',
    reference: 'kilo-chat.md §3.1 (clientId is a ULID); §3.3',
    install: (h) =>
      h.http(rewriteRequest('POST', new RegExp(`^${EITHER}/messages$`), (body) =>
        typeof body.clientId === 'string' && !ULID_RE.test(body.clientId) ? { ...body, clientId: undefined } : undefined)),
  }),
  defineDeviation({
    name: 'length-after-trim',
    description: 'text and title lengths are checked after trimming, so 8000 characters plus a space are accepted',
    reference: 'kilo-chat.md §3.1 MessageText, Title (at most N characters before trimming)',
    install: (h) => {
      const trimText = (body: Json) => ({ ...body, content: textBlocks(body.content, (t) => t.trim()) });
      h.http(rewriteRequest('POST', new RegExp(`^${EITHER}/messages$`), trimText));
      h.http(rewriteRequest('PATCH', new RegExp(`^${EITHER}/messages/[^/]+$`), trimText));
      const trimTitle = (body: Json) => (typeof body.title === 'string' && body.title.trim() !== '' ? { ...body, title: body.title.trim() } : undefined);
      h.http(rewriteRequest('POST', /^\/v1\/conversations$/, trimTitle));
      h.http(rewriteRequest('PATCH', new RegExp(`^${EITHER}/conversations/[^/]+$`), trimTitle));
    },
  }),
  defineDeviation({
    name: 'message-cursor-newest',
    description: 'a message page names its newest id as nextCursor instead of its oldest',
    reference: 'kilo-chat.md §3.6 Message cursor',
    install: (h) =>
      h.http(rewriteResponse('GET', new RegExp(`^${EITHER}/conversations/[^/]+/messages$`), (body, status) => {
        const first = (body.messages as Json[] | undefined)?.[0];
        return status === 200 && body.hasMore === true && first ? { ...body, nextCursor: first.id } : undefined;
      })),
  }),
  defineDeviation({
    name: 'reply-snapshot-frozen',
    description: 'a reply keeps the snapshot taken at send: it never says the parent was deleted',
    reference: 'kilo-chat.md §3.5; §6.4',
    install: (h) =>
      h.http(rewriteResponse('GET', new RegExp(`^${EITHER}/conversations/[^/]+/messages$`), (body, status) => {
        if (status !== 200 || !Array.isArray(body.messages)) return undefined;
        const messages = (body.messages as Json[]).map((m) => (m.replyTo && typeof m.replyTo === 'object' ? { ...m, replyTo: { ...(m.replyTo as Json), deleted: false } } : m));
        return { ...body, messages };
      })),
  }),
  defineDeviation({
    name: 'edit-conflict-anonymous',
    description: 'a 409 "Edit conflict" does not name the messageId',
    reference: 'kilo-chat.md §6.3; §2.1 H9',
    install: (h) =>
      h.http(rewriteResponse('PATCH', new RegExp(`^${EITHER}/messages/[^/]+$`), (body, status) => (status === 409 && body.error === 'Edit conflict' ? { error: 'Edit conflict' } : undefined))),
  }),
  defineDeviation({
    name: 'edit-accepts-resolved',
    description: 'an edit may carry `resolved` on an actions block (it is dropped instead of rejected with 400)',
    reference: 'kilo-chat.md §3.2 InputContentBlock; §6.3',
    install: (h) =>
      h.http(rewriteRequest('PATCH', /^\/v1\/messages\/[^/]+$/, (body) =>
        Array.isArray(body.content) && body.content.some((b: Json) => b?.type === 'actions' && 'resolved' in b)
          ? { ...body, content: body.content.map((b: Json) => (b?.type === 'actions' ? { ...b, resolved: undefined } : b)) }
          : undefined)),
  }),
  defineDeviation({
    name: 'creates-deduplicated',
    description: 'a create repeating a clientId in the same conversation returns the earlier message instead of a new one',
    reference: 'kilo-chat.md §6.2 (message creates are not deduplicated)',
    install: (h) => {
      const seen = new Map<string, string>();
      h.http(route('POST', new RegExp(`^${EITHER}/messages$`), async (call, next) => {
        const body = (await call.json()) as Json | undefined;
        const key = typeof body?.clientId === 'string' ? `${String(body.conversationId)}:${body.clientId}:${call.request.headers.get('authorization')}` : null;
        const earlier = key ? seen.get(key) : undefined;
        if (earlier !== undefined) return jsonResponse(201, JSON.parse(earlier));
        const response = await next();
        if (key && response.status === 201) seen.set(key, await response.clone().text());
        return response;
      }));
    },
  }),

  // Reactions
  defineDeviation({
    name: 'reaction-repeat-created',
    description: 'a repeated reaction add answers 201 instead of 200',
    reference: 'kilo-chat.md §2.1 H13; §2.2 B6; §6.2',
    install: (h) =>
      h.http(route('POST', new RegExp(`^${EITHER}/messages/[^/]+/reactions$`), async (_call, next) => {
        const response = await next();
        return response.status === 200 ? new Response(response.body, { status: 201, headers: response.headers }) : response;
      })),
  }),
  defineDeviation({
    name: 'emoji-control-chars-stripped',
    description: 'control characters are stripped from an emoji instead of rejected with 400',
    reference: 'kilo-chat.md §3.1 Emoji',
    install: (h) =>
      h.http(rewriteRequest('POST', new RegExp(`^${EITHER}/messages/[^/]+/reactions$`), (body) =>
        typeof body.emoji === 'string' && /\p{Cc}/u.test(body.emoji) ? { ...body, emoji: body.emoji.replace(/\p{Cc}/gu, '') } : undefined)),
  }),

  // Read state
  defineDeviation({
    name: 'stale-mark-echoes-marker',
    description: 'a mark-read that is not applied answers the time of the marker it was given instead of the stored lastReadAt',
    reference: 'kilo-chat.md §6.5; §2.1 H6',
    install: (h) =>
      h.http(route('POST', /^\/v1\/conversations\/[^/]+\/mark-read$/, async (call, next) => {
        const marker = ((await call.json()) as Json | undefined)?.lastSeenMessageId;
        const response = await next();
        if (response.status !== 200 || typeof marker !== 'string' || !ULID_RE.test(marker)) return response;
        const body = (await response.json()) as Json;
        return jsonResponse(200, body.applied === false ? { ...body, lastReadAt: decodeTime(marker) } : body);
      })),
  }),
  defineDeviation({
    name: 'badge-clear-missing',
    description: 'an applied mark-read answers badgeClear null instead of the cleared bucket and new total',
    reference: 'kilo-chat.md §6.5; hooks-notifications.md §3.7',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/v1\/conversations\/[^/]+\/mark-read$/, (body, status) => (status === 200 ? { ...body, badgeClear: null } : undefined))),
  }),
  defineDeviation({
    name: 'foreign-marker-ignored',
    description: 'a mark-read naming a message of another conversation answers 200 (not applied) instead of 400',
    reference: 'kilo-chat.md §6.5; §7 Read state',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/v1\/conversations\/[^/]+\/mark-read$/, (_body, status) => (status === 400 ? [200, { applied: false, lastReadAt: null, badgeClear: null }] : undefined))),
  }),
  defineDeviation({
    name: 'read-event-always-pushed',
    description: 'conversation.read is pushed for every mark-read, applied or not',
    reference: 'kilo-chat.md §6.5 (conversation.read only when applied); §4.2 conversation.read',
    install: (h) =>
      h.http(route('POST', /^\/v1\/conversations\/([^/]+)\/mark-read$/, async (call, next) => {
        const response = await next();
        const userId = call.userId();
        const conversation = h.core.conversations.get(call.path.split('/')[3] as string);
        if (response.status !== 200 || !userId || !conversation) return response;
        const body = (await response.clone().json()) as Json;
        if (body.applied === false && typeof body.lastReadAt === 'number') {
          h.core.pushToInstance(conversation, 'conversation.read', { conversationId: conversation.id, memberId: userId, lastReadAt: body.lastReadAt }, [userId]);
        }
        return response;
      })),
  }),

  // Actions
  defineDeviation({
    name: 'unoffered-value-404',
    description: 'executing a value the group does not offer answers 404 instead of 400',
    reference: 'kilo-chat.md §2.1 H11; §6.6',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/v1\/conversations\/[^/]+\/messages\/[^/]+\/execute-action$/, (_body, status) => (status === 400 ? [404, { error: 'Action not found' }] : undefined))),
  }),

  // Typing
  defineDeviation({
    name: 'typing-from-non-members',
    description: 'typing from a non-member answers 200 instead of 403',
    reference: 'kilo-chat.md §2.1 H15; §7 Typing',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/v1\/conversations\/[^/]+\/typing$/, (_body, status) => (status === 403 ? [200, { ok: true }] : undefined))),
  }),

  // Attachments
  defineDeviation({
    name: 'upload-url-day-long',
    description: 'putUrlExpiresAt is a day after the init instead of within the hour',
    reference: 'kilo-chat.md §3.8 (2) Init (the PUT URL lives at most an hour)',
    install: (h) =>
      h.http(rewriteResponse('POST', new RegExp(`^${EITHER}/attachments/init$`), (body, status) =>
        status < 300 && typeof body.putUrlExpiresAt === 'number' ? { ...body, putUrlExpiresAt: body.putUrlExpiresAt + 23 * 3600 } : undefined)),
  }),
  defineDeviation({
    name: 'empty-filename-accepted',
    description: 'an attachment init with an empty filename is accepted (named "file") instead of 400',
    reference: 'kilo-chat.md §2.1 H17; §3.1',
    install: (h) => h.http(rewriteRequest('POST', /^\/v1\/attachments\/init$/, (body) => (body.filename === '' ? { ...body, filename: 'file' } : undefined))),
  }),
  defineDeviation({
    name: 'idempotency-key-ignored',
    description: 'an attachment init ignores its idempotencyKey and mints a new attachment each time',
    reference: 'kilo-chat.md §3.8 (2); §6.2',
    install: (h) => h.http(rewriteRequest('POST', /^\/v1\/attachments\/init$/, (body) => ('idempotencyKey' in body ? { ...body, idempotencyKey: undefined } : undefined))),
  }),
  defineDeviation({
    name: 'bot-upload-size-unchecked',
    description: 'a bot attachment init over 100 MiB is accepted (recorded as 100 MiB) instead of 400',
    reference: 'kilo-chat.md §2.2 B17; §3.1',
    install: (h) =>
      h.http(rewriteRequest('POST', /^\/bot\/v1\/sandboxes\/[^/]+\/attachments\/init$/, (body) =>
        typeof body.size === 'number' && body.size > 104_857_600 ? { ...body, size: 104_857_600 } : undefined)),
  }),
  defineDeviation({
    name: 'images-download-as-attachment',
    description: 'every download, images included, is served with content-disposition: attachment',
    reference: 'kilo-chat.md §3.8 (5) Read; §7 Attachments',
    install: (h) =>
      h.http(route('GET', /^\/_blob\/([^/]+)$/, async (_call, next, match) => {
        const response = await next();
        if (!response.ok || /^\s*attachment/i.test(response.headers.get('content-disposition') ?? '')) return response;
        const headers = new Headers(response.headers);
        headers.set('content-disposition', `attachment; filename="${h.core.attachments.get(match[1] as string)?.filename ?? 'file'}"`);
        return new Response(response.body, { status: response.status, headers });
      })),
  }),
  defineDeviation({
    name: 'edit-adding-attachment-400',
    description: 'an edit that adds an attachment answers 400 instead of 409 "Cannot add attachments"',
    reference: 'kilo-chat.md §3.8 (6) Edit; §2.1 H9',
    install: (h) =>
      h.http(rewriteResponse('PATCH', new RegExp(`^${EITHER}/messages/[^/]+$`), (body, status) =>
        status === 409 && typeof body.error === 'string' && body.error.startsWith('Cannot add attachments') ? [400, { error: 'Invalid request' }] : undefined)),
  }),

  // Status
  defineDeviation({
    name: 'status-forbidden-capitalised',
    description: 'the status routes answer 403 {"error":"Forbidden"} instead of {"error":"forbidden"}',
    reference: 'kilo-chat.md §2.1 H19–H21; §3.10',
    install: (h) => {
      const fix = (_body: Json, status: number) => (status === 403 ? { error: 'Forbidden' } : undefined);
      h.http(rewriteResponse('GET', /^\/v1\/(sandboxes\/[^/]+\/bot-status|conversations\/[^/]+\/conversation-status)$/, fix));
      h.http(rewriteResponse('POST', /^\/v1\/sandboxes\/[^/]+\/request-bot-status$/, fix));
    },
  }),
  defineDeviation({
    name: 'unknown-capability-rejected',
    description: 'a bot status naming an unknown capability is rejected with 400 instead of the capability being dropped',
    reference: 'kilo-chat.md §3.1 Capability; §3.9',
    install: (h) =>
      h.http(route('POST', /^\/bot\/v1\/sandboxes\/[^/]+\/bot-status$/, async (call, next) => {
        const caps = ((await call.json()) as Json | undefined)?.capabilities;
        return Array.isArray(caps) && caps.some((c) => c !== 'attachments') ? jsonResponse(400, { error: 'Invalid request' }) : next();
      })),
  }),
  defineDeviation({
    name: 'capabilities-empty-array',
    description: 'a bot status stored without capabilities reads back with capabilities: [] instead of none',
    reference: 'kilo-chat.md §3.9 (capabilities stored only when non-empty)',
    install: (h) =>
      h.http(rewriteResponse('GET', /^\/v1\/sandboxes\/[^/]+\/bot-status$/, (body, status) => {
        const status_ = body.status as Json | null | undefined;
        return status === 200 && status_ && !('capabilities' in status_) ? { ...body, status: { ...status_, capabilities: [] } } : undefined;
      })),
  }),
  defineDeviation({
    name: 'request-bot-status-no-cache',
    description: 'request-bot-status answers {ok:true} without the cached record',
    reference: 'kilo-chat.md §2.1 H20; §3.9 RequestBotStatusResponse',
    install: (h) =>
      h.http(rewriteResponse('POST', /^\/v1\/sandboxes\/[^/]+\/request-bot-status$/, (_body, status) => (status === 200 ? { ok: true } : undefined))),
  }),

  // Badges
  defineDeviation({
    name: 'badges-bare-array',
    description: 'GET /v1/badges answers a bare array of buckets instead of {buckets}',
    reference: 'hooks-notifications.md §2.8; §3.1',
    install: (h) => h.http(rewriteResponse('GET', /^\/v1\/badges$/, (body, status) => (status === 200 ? (body.buckets as unknown[]) : undefined))),
  }),
];
