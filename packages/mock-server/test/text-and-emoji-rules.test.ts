import { kiloclawInstanceContext } from '@kilocode/event-service';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { call, convContext, createConversation, createWorld, openSocket, sendText, startTestServer, type TestSocket, type World } from './helpers';

/**
 * What the real service accepts in reaction emoji and message text, and what
 * it stores (reference §3.1; spec/mock-server.md "Text, emoji and
 * surrogates"): any 1–64-byte emoji without C0/C1 controls, text with
 * control characters (NUL included) kept, and lone surrogates stored as
 * U+FFFD by its UTF-8 storage. The list (H13) and the events must agree.
 */
describe('text and emoji rules', () => {
  let server: MockServer;
  let world: World;
  let C: string;
  let M: string;
  let socket: TestSocket;

  beforeEach(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world);
    M = (await sendText(world, world.u1, C, 'react to me')).messageId;
    socket = await openSocket(server, world.u1, [convContext(C)]);
  });
  afterEach(async () => {
    socket.close();
    await server.close();
  });

  const react = (emoji: string) => call(server, 'POST', `/v1/messages/${M}/reactions`, { token: world.u1, body: { conversationId: C, emoji } });
  const unreact = (emoji: string) =>
    call(server, 'DELETE', `/v1/messages/${M}/reactions?conversationId=${C}&emoji=${encodeURIComponent(emoji)}`, { token: world.u1 });
  const list = async () => (await call(server, 'GET', `/v1/conversations/${C}/messages`, { token: world.u1 })).body.messages as any[];
  const send = (text: string) =>
    call(server, 'POST', '/v1/messages', { token: world.u1, body: { conversationId: C, content: [{ type: 'text', text }] } });

  it('accepts any emoji string the reference accepts, "hello" included, and refuses what it refuses', async () => {
    expect((await react('hello')).status).toBe(201);
    expect((await react('👍🏽')).status).toBe(201);
    expect(await react('')).toMatchObject({ status: 400 });
    expect(await react('a\u0000')).toMatchObject({ status: 400 });
    expect(await react('\u0085')).toMatchObject({ status: 400 });
    expect(await react('x'.repeat(65))).toMatchObject({ status: 400 });
    expect((await react('😀'.repeat(16))).status).toBe(201);
    expect((await react('😀'.repeat(17))).status).toBe(400);
    expect((await list()).find((m) => m.id === M).reactions.map((r: any) => r.emoji)).toEqual(expect.arrayContaining(['hello', '👍🏽']));
  });

  it('stores a lone surrogate in an emoji as U+FFFD, in the list and the event alike, and can remove it', async () => {
    const added = await react('\uD83D');
    expect(added.status).toBe(201);
    await socket.waitFor(() => socket.events('reaction.added').length === 1);
    expect(socket.events('reaction.added')[0]!.payload.emoji).toBe('\uFFFD');
    expect((await list()).find((m) => m.id === M).reactions).toEqual([{ emoji: '\uFFFD', count: 1, memberIds: ['u1'] }]);
    // A different lone surrogate is the same stored emoji: a repeat, not a second reaction.
    expect(await react('\uDE00')).toMatchObject({ status: 200, body: { id: added.body.id } });
    // Upper-case escapes in a raw body too.
    const raw = await call(server, 'POST', `/v1/messages/${M}/reactions`, { token: world.u1, body: `{"conversationId":"${C}","emoji":"\\uDBFF"}` });
    expect(raw).toMatchObject({ status: 200, body: { id: added.body.id } });
    expect((await unreact('\uFFFD')).body).toMatchObject({ removed: true });
  });

  it('stores lone surrogates in text as U+FFFD and keeps NUL and other control characters, in the list and the event alike', async () => {
    const surrogate = await send('a\uDC00b\uD800');
    const nul = await send('nul\u0000inside\u0007bell');
    expect(surrogate.status).toBe(201);
    expect(nul.status).toBe(201);
    expect(surrogate.body.message.content).toEqual([{ type: 'text', text: 'a\uFFFDb\uFFFD' }]);
    await socket.waitFor(() => socket.events('message.created').length === 2);
    const pushed = socket.events('message.created').map((e) => e.payload.content[0].text);
    const listed = await list();
    expect(pushed).toEqual(['a\uFFFDb\uFFFD', 'nul\u0000inside\u0007bell']);
    expect(listed.find((m) => m.id === surrogate.body.messageId).content[0].text).toBe('a\uFFFDb\uFFFD');
    expect(listed.find((m) => m.id === nul.body.messageId).content[0].text).toBe('nul\u0000inside\u0007bell');
  });

  it('applies the same storage rule to edits, titles and the bot surface', async () => {
    await socket.subscribe([kiloclawInstanceContext('sb1')]);
    const edited = await call(server, 'PATCH', `/v1/messages/${M}`, {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'text', text: 'x\uD800' }], timestamp: Date.now() + 1 },
    });
    expect(edited.status).toBe(200);
    const renamed = await call(server, 'PATCH', `/v1/conversations/${C}`, { token: world.u1, body: { title: 't\uDFFF' } });
    expect(renamed.status).toBe(200);
    const bot = await call(server, 'POST', '/bot/v1/sandboxes/sb1/messages', {
      token: world.bot1,
      body: { conversationId: C, content: [{ type: 'text', text: '\uDBFFbot' }] },
    });
    expect(bot.status).toBe(201);
    const listed = await list();
    expect(listed.find((m) => m.id === M).content[0].text).toBe('x\uFFFD');
    expect(listed.find((m) => m.id === bot.body.messageId).content[0].text).toBe('\uFFFDbot');
    const conversation = await call(server, 'GET', `/v1/conversations/${C}`, { token: world.u1 });
    expect(conversation.body.title).toBe('t\uFFFD');
    await socket.waitFor(() => socket.events('conversation.renamed').length === 1);
    expect(socket.events('conversation.renamed')[0]!.payload.title).toBe('t\uFFFD');
  });
});
