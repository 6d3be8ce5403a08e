import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@kilocode/event-service';
import { noopLogger } from '@kilocode/event-service';
import { chatWebhookSchema } from '@kilocode/kilo-chat/schemas';
import { verifyGatewayToken } from '../auth/gateway-token.js';
import { bearerToken } from '../auth/user-tokens.js';

/** Options of {@link startEchoBot}. */
export interface EchoBotOptions {
  /** Base URL of the chat API the bot answers through. */
  chatUrl: string;
  /** The sandbox the bot lives in. */
  sandboxId: string;
  /** Its gateway token (also checked on incoming webhooks). */
  gatewayToken: string;
  /** The gateway secret, to verify incoming webhooks. */
  gatewaySecret: string;
  /** Pause between "typing" and the reply, in ms. Default 400. */
  replyDelayMs?: number;
  /** Log sink. */
  logger?: Logger;
}

/** A running echo bot. */
export interface EchoBot {
  /** Its webhook URL (`http://127.0.0.1:<port>/webhook`). */
  webhookUrl: string;
  /** Stops it. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A tiny bot for the demo: it receives the mock's webhooks and answers
 * through the bot routes, so a newcomer sees a reply. It echoes messages
 * (showing "typing" first), acknowledges approvals, and reports itself
 * online when asked for its status.
 */
export async function startEchoBot(options: EchoBotOptions): Promise<EchoBot> {
  const logger = options.logger ?? noopLogger;
  const base = `${options.chatUrl}/bot/v1/sandboxes/${options.sandboxId}`;
  const post = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.gatewayToken}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) logger.warn('echo bot call failed', { path, status: response.status });
    await response.body?.cancel().catch(() => undefined);
  };

  const reply = async (conversationId: string, text: string, inReplyToMessageId?: string) => {
    await post(`/conversations/${conversationId}/typing`);
    await sleep(options.replyDelayMs ?? 400);
    await post('/messages', {
      conversationId,
      content: [{ type: 'text', text }],
      ...(inReplyToMessageId ? { inReplyToMessageId } : {}),
    });
    await post(`/conversations/${conversationId}/typing/stop`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/webhook') {
      res.writeHead(404).end();
      return;
    }
    const token = bearerToken(req.headers.authorization);
    if (!token || !verifyGatewayToken(options.gatewaySecret, options.sandboxId, token)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Unauthorized' }));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Invalid JSON' }));
      return;
    }
    const parsed = chatWebhookSchema.safeParse(json);
    if (!parsed.success) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Invalid payload' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const hook = parsed.data;
    try {
      if (hook.type === 'message.created') {
        const count = hook.attachments?.length ?? 0;
        const text = hook.text !== '' ? `Echo: ${hook.text}` : `Received ${count} attachment${count === 1 ? '' : 's'}.`;
        await reply(hook.conversationId, text, hook.messageId);
      } else if (hook.type === 'action.executed') {
        await reply(hook.conversationId, `You chose "${hook.value}".`);
      } else {
        await post('/bot-status', { online: true, at: Date.now(), capabilities: ['attachments'] });
      }
    } catch (error) {
      logger.warn('echo bot failed to answer', { error: String(error) });
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
