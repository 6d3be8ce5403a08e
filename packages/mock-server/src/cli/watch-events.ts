import { EVENT_SERVICE_SUBPROTOCOL, kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import WebSocket from 'ws';

/** Options of {@link watchEvents}. */
export interface WatchEventsOptions {
  /** Base HTTP URL of the mock. */
  url: string;
  /** A user JWT; when absent, one is minted for `user` through `/_dev/token`. */
  token?: string;
  /** User to mint a token for (dev routes). */
  user?: string;
  /** Contexts to subscribe to; default: every instance and conversation context of the user's conversations. */
  contexts?: string[];
  /** Where lines go. Default: console.log. */
  print?: (line: string) => void;
}

async function json(url: string, init: RequestInit): Promise<any> {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Connects to the event socket as a user and prints every frame: the
 * quickest way to watch a message sent with curl arrive. Resolves with a
 * function that closes the socket.
 */
export async function watchEvents(options: WatchEventsOptions): Promise<() => void> {
  const print = options.print ?? ((line: string) => console.log(line));
  let token = options.token;
  if (!token) {
    if (!options.user) throw new Error('watch needs --token or --user');
    token = (await json(`${options.url}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: options.user }),
    })).token as string;
  }
  const auth = { authorization: `Bearer ${token}` };
  let contexts = options.contexts ?? [];
  if (contexts.length === 0) {
    const list = await json(`${options.url}/v1/conversations?limit=100`, { headers: auth });
    const found = new Set<string>();
    for (const row of list.conversations as Array<{ conversationId: string }>) {
      const detail = await json(`${options.url}/v1/conversations/${row.conversationId}`, { headers: auth });
      const bot = (detail.members as Array<{ id: string; kind: string }>).find((m) => m.kind === 'bot');
      const sandboxId = bot?.id.replace(/^bot:kiloclaw:/, '');
      if (!sandboxId) continue;
      found.add(kiloclawInstanceContext(sandboxId));
      found.add(kiloclawConversationContext(sandboxId, row.conversationId));
    }
    contexts = [...found];
  }
  const { ticket } = await json(`${options.url}/connect-ticket`, { method: 'POST', headers: auth });
  const wsUrl = `${options.url.replace(/^http/, 'ws')}/connect?ticket=${encodeURIComponent(ticket as string)}`;
  const ws = new WebSocket(wsUrl, [EVENT_SERVICE_SUBPROTOCOL]);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'context.subscribe', contexts }));
  print(`watching ${contexts.length} context(s): ${contexts.join(', ')}`);
  let highest = 0;
  const keepalive = setInterval(() => {
    ws.send('ping');
    if (highest > 0) ws.send(JSON.stringify({ type: 'ack', seq: highest }));
  }, 15_000);
  ws.on('message', (data) => {
    const text = data.toString();
    if (text === 'pong') return;
    try {
      const frame = JSON.parse(text) as { seq?: number };
      if (typeof frame.seq === 'number') highest = Math.max(highest, frame.seq);
    } catch {
      // not JSON: print as is
    }
    print(text);
  });
  ws.on('close', (code) => {
    clearInterval(keepalive);
    print(`socket closed (${code})`);
  });
  return () => {
    clearInterval(keepalive);
    ws.close();
  };
}
