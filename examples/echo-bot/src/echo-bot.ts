/**
 * The echo bot: an HTTP server that receives Kilo Chat bot webhooks and
 * answers through the bot routes with `KiloChatBotClient`.
 *
 *   POST /webhook  ── check the bearer ── parseWebhook ── 200 {} ── answer
 *                          │ 401            │ 400
 *
 * - `message.created`: typing, a 👀 reaction on the message, an echo of its
 *   text as a reply, and — when the text says "approve" — an approval request
 *   (an `actions` block with "Allow once" / "Deny" buttons).
 * - `action.executed`: says what was chosen.
 * - `bot.status_request`: reports the bot online.
 *
 * The bot also reports itself online when it starts and every
 * `heartbeatMs`, and offline when it stops.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KiloChatBotClient, parseWebhook } from '@kilocode/kilo-chat';
import type { ActionExecutedWebhook, ChatWebhook, InputContentBlock, MessageCreatedWebhook } from '@kilocode/kilo-chat';

/** Options of {@link startEchoBot}. */
export interface EchoBotOptions {
  /** Base URL of the Kilo Chat API, e.g. `http://127.0.0.1:8787`. */
  chatUrl: string;
  /** The sandbox whose bot this is, e.g. `demo-sandbox`. */
  sandboxId: string;
  /**
   * The sandbox's gateway token. The bot sends it on every bot route, and
   * Kilo Chat sends it as `authorization: Bearer …` on every webhook, so the
   * bot also uses it to tell real webhooks from anything else.
   */
  gatewayToken: string;
  /** Port of the webhook server; 0 picks a free one. Default 8788. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** How often to report "online", in milliseconds. Default 30 000. */
  heartbeatMs?: number;
  /** Where log lines go. Default `console.log`. Tokens are never logged. */
  log?: (line: string) => void;
}

/** A running echo bot. */
export interface EchoBot {
  /** Where Kilo Chat should send webhooks: `http://<host>:<port>/webhook`. */
  webhookUrl: string;
  /** Stops taking webhooks, finishes the answers in progress and reports the bot offline. */
  close(): Promise<void>;
}

/** Messages whose text contains this word get an approval request. */
const APPROVAL_KEYWORD = /\bapprove\b/i;
/** The reaction the bot puts on every message it answers. */
const SEEN_EMOJI = '👀';
/** What the bot tells Kilo Chat it supports (the only capability defined today). */
const CAPABILITIES = ['attachments'];
/** Longest message text Kilo Chat accepts, in UTF-16 code units. */
const MESSAGE_TEXT_MAX = 8000;
/** Webhook bodies are small; refuse anything bigger than 1 MiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Starts the webhook server, reports the bot online and starts the heartbeat.
 * Rejects (and leaves nothing running) when the first status report fails,
 * which usually means a wrong `chatUrl`, `sandboxId` or `gatewayToken`.
 */
export async function startEchoBot(options: EchoBotOptions): Promise<EchoBot> {
  const log = options.log ?? ((line: string) => console.log(line));
  const bot = new KiloChatBotClient({
    baseUrl: options.chatUrl,
    sandboxId: options.sandboxId,
    getToken: () => options.gatewayToken,
  });

  // --- status --------------------------------------------------------------

  // Kilo Chat keeps a status only when its `at` is newer than the stored one.
  let lastAt = 0;
  async function reportStatus(online: boolean): Promise<void> {
    lastAt = Math.max(Date.now(), lastAt + 1);
    await bot.setBotStatus({ online, at: lastAt, capabilities: CAPABILITIES });
  }

  // --- answering webhooks --------------------------------------------------

  async function answerMessage(hook: MessageCreatedWebhook): Promise<void> {
    const { conversationId, messageId } = hook;
    try {
      await bot.sendTyping(conversationId);
      await bot.addReaction(messageId, { conversationId, emoji: SEEN_EMOJI });
      await bot.sendMessage({
        conversationId,
        inReplyToMessageId: messageId,
        content: [{ type: 'text', text: echoText(hook) }],
      });
      if (APPROVAL_KEYWORD.test(hook.text)) {
        await bot.sendMessage({ conversationId, content: approvalRequest(messageId) });
      }
      log(`answered message ${messageId} from ${hook.from}`);
    } catch (error) {
      // The webhook was already acknowledged, so tell Kilo Chat the message
      // was not handled: the sender sees it marked as failed and can retry.
      log(`could not answer message ${messageId}: ${describe(error)}`);
      await bot
        .reportMessageDeliveryFailed({ conversationId, messageId, reason: 'the echo bot could not answer' })
        .catch((reportError: unknown) => log(`could not report the failure: ${describe(reportError)}`));
    } finally {
      await bot.sendTypingStop(conversationId).catch(() => undefined);
    }
  }

  async function answerAction(hook: ActionExecutedWebhook): Promise<void> {
    const { conversationId, messageId, groupId } = hook;
    const verdict = hook.value === 'deny' ? 'Denied' : 'Approved';
    try {
      await bot.sendMessage({
        conversationId,
        inReplyToMessageId: messageId,
        content: [{ type: 'text', text: `${verdict}: ${hook.executedBy} chose "${hook.value}".` }],
      });
      log(`action ${groupId} answered with ${hook.value} by ${hook.executedBy}`);
    } catch (error) {
      // Reverts the choice, so the buttons come back and the user can try again.
      log(`could not act on ${groupId}: ${describe(error)}`);
      await bot
        .reportActionDeliveryFailed({ conversationId, messageId, groupId, reason: 'the echo bot could not act on it' })
        .catch((reportError: unknown) => log(`could not report the failure: ${describe(reportError)}`));
    }
  }

  async function answer(hook: ChatWebhook): Promise<void> {
    switch (hook.type) {
      case 'message.created':
        return answerMessage(hook);
      case 'action.executed':
        return answerAction(hook);
      case 'bot.status_request':
        return reportStatus(true).catch((error: unknown) => log(`status report failed: ${describe(error)}`));
    }
  }

  // --- the webhook endpoint ------------------------------------------------

  const answering = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/webhook') {
      req.resume();
      return send(res, 404, { error: 'Not found' });
    }
    if (!bearerMatches(req.headers.authorization, options.gatewayToken)) {
      req.resume();
      log('rejected webhook: missing or wrong bearer token');
      return send(res, 401, { error: 'Unauthorized' });
    }
    const body = await readBody(req);
    if (body === null) {
      log(`rejected webhook: body over ${MAX_BODY_BYTES} bytes`);
      return send(res, 413, { error: 'Payload too large' });
    }
    const parsed = parseWebhook(body); // never throws
    if (!parsed.success) {
      // The message names what was wrong, never the body's values.
      log(`rejected webhook: ${parsed.error.message}`);
      return send(res, 400, { error: parsed.error.message });
    }
    // Acknowledge first: Kilo Chat waits for this answer (and retries when it
    // does not come), so the slow part — answering — happens afterwards.
    send(res, 200, {});
    const work = answer(parsed.webhook).finally(() => answering.delete(work));
    answering.add(work);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`webhook handler failed: ${describe(error)}`);
      if (!res.headersSent) send(res, 500, { error: 'Internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8788, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const webhookUrl = `http://${host}:${address.port}/webhook`;

  const stopServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });

  try {
    await reportStatus(true);
  } catch (error) {
    await stopServer();
    throw error;
  }
  const heartbeat = setInterval(() => {
    reportStatus(true).catch((error: unknown) => log(`heartbeat failed: ${describe(error)}`));
  }, options.heartbeatMs ?? 30_000);
  log(`echo bot for sandbox ${options.sandboxId} listening on ${webhookUrl}`);

  let closing: Promise<void> | null = null;
  return {
    webhookUrl,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        const stopped = stopServer();
        await Promise.allSettled([...answering]);
        await reportStatus(false).catch((error: unknown) => log(`offline report failed: ${describe(error)}`));
        server.closeAllConnections(); // every answer is sent; drop kept-alive sockets
        await stopped;
        log('echo bot stopped');
      })();
      return closing;
    },
  };
}

// --- helpers ---------------------------------------------------------------

/** The reply text: the message echoed, or a note about its attachments. */
function echoText(hook: MessageCreatedWebhook): string {
  if (hook.text.trim() === '') {
    const count = hook.attachments?.length ?? 0;
    return `Received ${count} attachment${count === 1 ? '' : 's'}.`;
  }
  return clip(`Echo: ${hook.text}`, MESSAGE_TEXT_MAX);
}

/** A question with two buttons. Kilo Chat sends `action.executed` when one is pressed. */
function approvalRequest(messageId: string): InputContentBlock[] {
  return [
    { type: 'text', text: 'You asked me to approve something. Allow it once?' },
    {
      type: 'actions',
      groupId: `approval-${messageId}`,
      actions: [
        { label: 'Allow once', style: 'primary', value: 'allow-once' },
        { label: 'Deny', style: 'danger', value: 'deny' },
      ],
    },
  ];
}

/** Shortens `text` to `max` UTF-16 code units, ending in "…", without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** True when the header is `Bearer <token>` (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** The request body as text, or null when it is over {@link MAX_BODY_BYTES}. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk); // past the limit, drain without keeping
  }
  return size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
