import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatCore, userCaller } from '../../src/index';

describe('unlinked attachments expire', () => {
  let core: ChatCore;
  const u1 = userCaller('u1');
  let conversationId: string;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    core = new ChatCore({ gatewaySecret: 's' });
    core.createSandbox({ id: 'sb1', ownerId: 'u1' });
    conversationId = core.createConversation(u1, { sandboxId: 'sb1' }).conversationId;
  });
  afterEach(() => {
    core.dispose();
    vi.useRealTimers();
  });

  const upload = (size = 3) => {
    const row = core.initAttachment(u1, { conversationId, mimeType: 'text/plain', size, filename: 'a.txt' });
    core.blobs.put(row.id, new Uint8Array(size), 'text/plain');
    return row.id;
  };
  const link = (attachmentId: string) =>
    core.createMessage(u1, { conversationId, content: [{ type: 'attachment', attachmentId, mimeType: 'x', size: 0, filename: 'x' }] });

  it('a pending row and its bytes are swept an hour after init; a linked one stays', () => {
    const pending = upload();
    const linked = upload();
    link(linked);
    vi.advanceTimersByTime(59 * 60_000);
    expect(core.attachments.get(pending)).toBeDefined();
    vi.advanceTimersByTime(2 * 60_000);
    expect(core.attachments.get(pending)).toBeUndefined();
    expect(core.blobs.get(pending)).toBeUndefined();
    expect(core.attachments.get(linked)?.status).toBe('linked');
    expect(core.blobs.get(linked)).toBeDefined();
  });

  it('linking after expiry fails exactly as linking an unknown attachment does, even before the sweep runs', () => {
    const ttlMs = 10 * 60_000;
    core.dispose();
    core = new ChatCore({ gatewaySecret: 's', unlinkedAttachmentTtlMs: ttlMs });
    core.createSandbox({ id: 'sb1', ownerId: 'u1' });
    conversationId = core.createConversation(u1, { sandboxId: 'sb1' }).conversationId;
    const id = upload();
    vi.setSystemTime(Date.now() + ttlMs); // the clock passes the TTL; no timer has fired yet
    expect(core.attachments.get(id)).toBeDefined();
    const unknown = '01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const expected = (() => {
      try {
        link(unknown);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(expected).toMatchObject({ status: 400 });
    expect(() => link(id)).toThrow(expect.objectContaining({ status: (expected as { status: number }).status, body: (expected as { body: unknown }).body }));
    vi.advanceTimersByTime(ttlMs);
    expect(core.attachments.get(id)).toBeUndefined();
  });

  it('the sweep timer stops on dispose and does not hold the process open', () => {
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    core.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
