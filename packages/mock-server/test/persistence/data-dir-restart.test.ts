import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../src/index';
import { call, createWorld, type World } from '../helpers';

/** Everything a user and a bot can read back through the public API. */
async function readEverything(server: MockServer, world: World, conversationIds: string[], attachmentId: string) {
  const tokens = { u1: world.u1, u2: world.u2 };
  const out: Record<string, unknown> = {};
  for (const [who, token] of Object.entries(tokens)) {
    out[`${who} list`] = (await call(server, 'GET', '/v1/conversations?limit=50', { token })).body;
    out[`${who} badges`] = (await call(server, 'GET', '/v1/badges', { token })).body;
  }
  for (const id of conversationIds) {
    out[`${id} details`] = (await call(server, 'GET', `/v1/conversations/${id}`, { token: world.u1 })).body;
    out[`${id} messages`] = (await call(server, 'GET', `/v1/conversations/${id}/messages?limit=100`, { token: world.u1 })).body;
    out[`${id} status`] = (await call(server, 'GET', `/v1/conversations/${id}/conversation-status`, { token: world.u1 })).body;
    out[`${id} bot list`] = (await call(server, 'GET', '/bot/v1/sandboxes/sb1/conversations?limit=50', { token: world.bot1 })).body;
  }
  out['bot status'] = (await call(server, 'GET', '/v1/sandboxes/sb1/bot-status', { token: world.u1 })).body;
  const url = await call(server, 'GET', `/v1/attachments/${attachmentId}/url?conversationId=${conversationIds[0]}`, { token: world.u1 });
  const { url: _signed, expiresAt: _expires, ...meta } = url.body;
  out['attachment'] = meta;
  out['attachment bytes'] = await (await fetch(url.body.url)).text();
  return out;
}

describe('--data-dir: state survives a restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kilo-mock-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => startMockServer({ port: 0, dataDir: dir, webhookRetryDelaysMs: [5, 10] });

  it('conversations, messages, edits, deletes, reactions, read markers, attachments and statuses read back identical', async () => {
    let server = await start();
    let world = await createWorld(server);
    const u1 = (method: string, path: string, body?: unknown) => call(server, method, path, { token: world.u1, ...(body ? { body } : {}) });

    const c1 = (await u1('POST', '/v1/conversations', { sandboxId: 'sb1', title: 'Kept' })).body.conversationId as string;
    const c2 = (await u1('POST', '/v1/conversations', { sandboxId: 'sb1' })).body.conversationId as string;
    const send = async (conversationId: string, text: string) =>
      (await u1('POST', '/v1/messages', { conversationId, content: [{ type: 'text', text }] })).body.messageId as string;
    const m1 = await send(c1, 'first');
    const m2 = await send(c1, 'second, to be edited');
    const m3 = await send(c1, 'third, to be deleted');
    await send(c2, 'auto-titled');
    expect((await u1('PATCH', `/v1/messages/${m2}`, { conversationId: c1, content: [{ type: 'text', text: 'edited' }], timestamp: 5 })).status).toBe(200);
    expect((await u1('DELETE', `/v1/messages/${m3}?conversationId=${c1}`)).status).toBe(200);
    expect((await u1('POST', `/v1/messages/${m1}/reactions`, { conversationId: c1, emoji: '👍' })).status).toBe(201);
    expect((await u1('POST', `/v1/messages/${m1}/reactions`, { conversationId: c1, emoji: '🎉' })).status).toBe(201);
    expect((await u1('DELETE', `/v1/messages/${m1}/reactions?conversationId=${c1}&emoji=${encodeURIComponent('🎉')}`)).status).toBe(200);
    const botMessage = await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', {
      token: world.bot1,
      body: { conversationId: c1, content: [{ type: 'text', text: 'from the bot' }] },
    });
    expect(botMessage.status).toBe(201);
    expect((await u1('POST', `/v1/conversations/${c1}/mark-read`, { lastSeenMessageId: botMessage.body.messageId })).status).toBe(200);

    const init = await u1('POST', '/v1/attachments/init', { conversationId: c1, mimeType: 'image/png', size: 4, filename: 'dot.png' });
    expect((await fetch(init.body.putUrl, { method: 'PUT', body: 'PNG!', headers: { 'content-type': 'image/png' } })).status).toBe(200);
    const attachmentId = init.body.attachmentId as string;
    const linked = await u1('POST', '/v1/messages', {
      conversationId: c1,
      content: [{ type: 'attachment', attachmentId, mimeType: 'image/png', size: 4, filename: 'dot.png' }],
    });
    expect(linked.status).toBe(201);

    const botAuth = { token: world.bot1 };
    expect((await call(server, 'POST', '/bot/v1/sandboxes/sb1/bot-status', { ...botAuth, body: { online: true, at: 100, capabilities: ['attachments'] } })).status).toBe(200);
    expect(
      (
        await call(server, 'POST', `/bot/v1/sandboxes/sb1/conversations/${c1}/conversation-status`, {
          ...botAuth,
          body: { contextTokens: 10, contextWindow: 100, model: 'm', provider: 'p', at: 100 },
        })
      ).status,
    ).toBe(200);
    await server.webhooksSettled();

    const before = await readEverything(server, world, [c1, c2], attachmentId);
    await server.close();

    server = await start();
    world = { ...world, server };
    const after = await readEverything(server, world, [c1, c2], attachmentId);
    expect(after).toEqual(before);
    expect((after[`${c1} messages`] as any).messages.map((m: any) => m.id)).toContain(m1);

    // Ids continue monotonic: a message sent after the restart sorts after every old one.
    const newer = await send(c1, 'after the restart');
    const ids = (await u1('GET', `/v1/conversations/${c1}/messages?limit=100`)).body.messages.map((m: any) => m.id as string);
    expect(ids[0]).toBe(newer);
    expect([...ids].sort().at(-1)).toBe(newer);
    await server.close();
  });

  it('a message id issued just before a restart with the clock behind stays below the next one', async () => {
    let now = Date.UTC(2030, 0, 1);
    const clock = { now: () => now };
    let server = await startMockServer({ port: 0, dataDir: dir, clock });
    const world = await createWorld(server);
    const c = server.createConversation('u1', 'sb1');
    const first = (await call(server, 'POST', '/v1/messages', { token: world.u1, body: { conversationId: c, content: [{ type: 'text', text: 'a' }] } })).body.messageId;
    await server.close();
    now -= 60_000; // the machine's clock went back a minute
    server = await startMockServer({ port: 0, dataDir: dir, clock });
    const token = await server.mintUserToken('u1');
    const second = (await call(server, 'POST', '/v1/messages', { token, body: { conversationId: c, content: [{ type: 'text', text: 'b' }] } })).body.messageId;
    expect(second > first).toBe(true);
    await server.close();
  });

  it('a torn last journal line (a write cut by kill -9) is dropped with a log line; the rest loads', async () => {
    let server = await startMockServer({ port: 0, dataDir: dir, journalCompactBytes: Number.MAX_SAFE_INTEGER });
    server.createUser({ id: 'kept' });
    server.core.dispose();
    await server.close();
    const journal = join(dir, 'journal.jsonl');
    const text = readFileSync(journal, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(journal, '{"seq":99,"changes":[{"type":"user.put","user":{"id":"lo');
    const warnings: string[] = [];
    server = await startMockServer({
      port: 0,
      dataDir: dir,
      logger: { debug() {}, warn: (m: string) => warnings.push(m), error() {} },
    });
    expect(server.core.users.get('kept')).toBeDefined();
    expect(server.core.users.get('lo')).toBeUndefined();
    expect(warnings.some((w) => w.includes('journal.jsonl') && w.includes('torn last line'))).toBe(true);
    // It was truncated away and compacted: a second start sees a clean directory.
    await server.close();
    warnings.length = 0;
    server = await startMockServer({ port: 0, dataDir: dir, logger: { debug() {}, warn: (m: string) => warnings.push(m), error() {} } });
    expect(warnings).toEqual([]);
    expect(server.core.users.get('kept')).toBeDefined();
    await server.close();
  });

  it('any other corruption is a startup error naming the file and line, never a partial load', async () => {
    const server = await startMockServer({ port: 0, dataDir: dir, journalCompactBytes: Number.MAX_SAFE_INTEGER });
    server.createUser({ id: 'a' });
    server.createUser({ id: 'b' });
    await server.close();
    const journal = join(dir, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    // The server compacts at start only after replaying lines; these two were written live.
    expect(lines.filter(Boolean)).toHaveLength(2);
    lines[0] = '{"seq":1,"changes":[{"type":"user.put"'; // complete line (newline-terminated) but not JSON
    const { writeFileSync } = await import('node:fs');
    writeFileSync(journal, lines.join('\n'));
    await expect(startMockServer({ port: 0, dataDir: dir })).rejects.toMatchObject({
      name: 'DataDirError',
      code: 'journal_corrupt',
      line: 1,
      message: expect.stringContaining(`${journal}:1`),
    });
    writeFileSync(journal, '{"seq":1,"changes":[{"type":"message.add","conversationId":"NOPE","message":{}}]}\n');
    await expect(startMockServer({ port: 0, dataDir: dir })).rejects.toMatchObject({ code: 'journal_corrupt', line: 1 });
    writeFileSync(journal, '');
    writeFileSync(join(dir, 'snapshot.json'), '{"format":1,"seq":');
    await expect(startMockServer({ port: 0, dataDir: dir })).rejects.toMatchObject({ code: 'snapshot_corrupt', file: join(dir, 'snapshot.json') });
  });

  it('compacts into a snapshot past the journal threshold, and the snapshot plus the new journal load back', async () => {
    let server = await startMockServer({ port: 0, dataDir: dir, journalCompactBytes: 2_000 });
    const world = await createWorld(server);
    const c = server.createConversation('u1', 'sb1');
    for (let i = 0; i < 30; i += 1) {
      await call(server, 'POST', '/v1/messages', { token: world.u1, body: { conversationId: c, content: [{ type: 'text', text: `message ${i}` }] } });
    }
    expect(readFileSync(join(dir, 'journal.jsonl')).byteLength).toBeLessThanOrEqual(2_000 + 1_000);
    expect(JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')).seq).toBeGreaterThan(0);
    const live = (await call(server, 'GET', `/v1/conversations/${c}/messages?limit=100`, { token: world.u1 })).body;
    await server.close();
    server = await startMockServer({ port: 0, dataDir: dir });
    const token = await server.mintUserToken('u1');
    expect((await call(server, 'GET', `/v1/conversations/${c}/messages?limit=100`, { token })).body).toEqual(live);
    expect(live.messages).toHaveLength(30);
    await server.close();
  });
});

describe('demo seed ids', () => {
  it('are the same on every start without a data dir', async () => {
    const first = await startMockServer({ port: 0, seed: 'demo' });
    const second = await startMockServer({ port: 0, seed: 'demo' });
    expect(second.demo).toEqual(first.demo);
    const token = await first.mintUserToken('alice');
    const list = async (server: MockServer) => (await call(server, 'GET', '/v1/conversations', { token })).body;
    const messages = async (server: MockServer) =>
      (await call(server, 'GET', `/v1/conversations/${server.demo!.teamConversationId}/messages`, { token })).body;
    expect(await list(second)).toEqual(await list(first));
    expect(await messages(second)).toEqual(await messages(first));
    await first.close();
    await second.close();
  });

  it('with a data dir, seed only an empty store and keep the ids (a link made against one run works on the next)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kilo-mock-data-'));
    try {
      let server = await startMockServer({ port: 0, seed: 'demo', dataDir: dir });
      const demo = server.demo!;
      const token = await server.mintUserToken('alice');
      await call(server, 'POST', '/v1/messages', { token, body: { conversationId: demo.welcomeConversationId, content: [{ type: 'text', text: 'mine' }] } });
      await server.close();
      server = await startMockServer({ port: 0, seed: 'demo', dataDir: dir });
      expect(server.demo).toEqual(demo);
      const messages = (await call(server, 'GET', `/v1/conversations/${demo.welcomeConversationId}/messages`, { token })).body.messages;
      expect(messages.map((m: any) => m.content[0].text)).toEqual(['mine', expect.any(String), 'Hi! Is anybody there?']);
      expect(server.core.conversations.size).toBe(2);
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
