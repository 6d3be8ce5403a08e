import { describe, expect, it } from 'vitest';
import {
  KiloChatApiError,
  KiloChatError,
  KiloChatResponseError,
  classifyKiloChatError,
  formatKiloChatError,
} from '../src/index';

describe('KiloChatApiError', () => {
  it('keeps the reference shape', () => {
    const body = { error: 'Forbidden' };
    const error = new KiloChatApiError(403, body);

    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(KiloChatError);
    expect(error.name).toBe('KiloChatApiError');
    expect(error.message).toBe('Kilo Chat API error: 403');
    expect(error.status).toBe(403);
    expect(error.body).toBe(body);
    expect(error.serverMessage).toBe('Forbidden');
  });

  it.each([
    [400, { error: 'Invalid request' }, 'invalid_request'],
    [401, { error: 'Unauthorized' }, 'unauthorized'],
    [403, { error: 'Forbidden' }, 'forbidden'],
    [404, { error: 'Not found' }, 'not_found'],
    [409, { error: 'Edit conflict', messageId: 'm' }, 'edit_conflict'],
    [409, { error: 'Action already resolved' }, 'conflict'],
    [409, null, 'conflict'],
    [429, { error: 'Too many connections' }, 'http_error'],
    [418, null, 'http_error'],
    [500, { error: 'Conversation not initialized' }, 'server_error'],
    [502, { error: 'Bad Gateway' }, 'server_error'],
    [503, { error: 'R2 credentials unavailable' }, 'unavailable'],
  ])('derives code for %i %j → %s', (status, body, code) => {
    expect(new KiloChatApiError(status, body).code).toBe(code);
  });

  it.each([null, 'text', 42, { error: '' }, { error: 7 }, { message: 'x' }, []])(
    'has no serverMessage for body %j',
    (body) => {
      expect(new KiloChatApiError(400, body).serverMessage).toBeUndefined();
    },
  );
});

describe('KiloChatResponseError', () => {
  it('carries the route, status and issue paths, not the body', () => {
    const error = new KiloChatResponseError({
      routeId: 'H7',
      status: 201,
      issues: [{ path: ['message', 'content', 0, 'text'], code: 'invalid_type', message: 'Invalid input' }],
    });

    expect(error).toBeInstanceOf(KiloChatError);
    expect(error.name).toBe('KiloChatResponseError');
    expect(error.code).toBe('invalid_response');
    expect(error.routeId).toBe('H7');
    expect(error.status).toBe(201);
    expect(error.issues[0]!.path).toEqual(['message', 'content', 0, 'text']);
    expect(error.message).toContain('message.content.0.text: invalid_type');
  });

  it('says when the body was not JSON at all', () => {
    const error = new KiloChatResponseError({ routeId: 'H2', status: 200, issues: [] });
    expect(error.message).toContain('body is not JSON');
  });
});

describe('classifyKiloChatError', () => {
  const api = (status: number, body: unknown) => new KiloChatApiError(status, body);

  it.each([
    ['a plain Error', new Error('boom')],
    ['a string', 'boom'],
    ['undefined', undefined],
    ['a KiloChatError that is not an API error', new KiloChatError('not_owner', 'x')],
    ['a 500 with an error string', api(500, { error: 'Conversation not initialized' })],
    ['a 503', api(503, { error: 'Failed to clear notification badge' })],
    ['a non-object body', api(400, 'nope')],
    ['a null body', api(400, null)],
    ['an empty error string', api(400, { error: '' })],
    ['an error that is not a string', api(404, { error: 404 })],
  ])('%s → fallback', (_label, err) => {
    expect(classifyKiloChatError(err)).toEqual({ kind: 'fallback' });
  });

  it.each([401, 403])('%i → not-allowed, whatever the body', (status) => {
    expect(classifyKiloChatError(api(status, { error: 'Forbidden', issues: [{ code: 'too_big', path: ['title'] }] }))).toEqual({
      kind: 'not-allowed',
    });
  });

  it('reads message-too-long from the first issue, with its maximum', () => {
    const err = api(400, {
      error: 'Invalid request',
      issues: [
        { code: 'too_big', path: ['content', 0, 'text'], maximum: 8000 },
        { code: 'too_small', path: ['content', 1, 'text'] },
      ],
    });
    expect(classifyKiloChatError(err)).toEqual({ kind: 'message-too-long', limit: 8000 });
  });

  it('defaults the message limit to 8000 and the title limit to 200', () => {
    expect(classifyKiloChatError(api(400, { issues: [{ code: 'too_big', path: ['content', 3, 'text'] }] }))).toEqual({
      kind: 'message-too-long',
      limit: 8000,
    });
    expect(classifyKiloChatError(api(400, { issues: [{ code: 'too_big', path: ['title'] }] }))).toEqual({
      kind: 'title-too-long',
      limit: 200,
    });
  });

  it('reads title-too-long with the issue maximum', () => {
    expect(classifyKiloChatError(api(400, { issues: [{ code: 'too_big', path: ['title'], maximum: 120 }] }))).toEqual({
      kind: 'title-too-long',
      limit: 120,
    });
  });

  it('reads message-empty from too_small on a content text path', () => {
    expect(classifyKiloChatError(api(400, { issues: [{ code: 'too_small', path: ['content', 0, 'text'] }] }))).toEqual({
      kind: 'message-empty',
    });
  });

  it('only looks at the first issue, then falls back to the error string', () => {
    const err = api(400, {
      error: 'Invalid request',
      issues: [
        { code: 'invalid_type', path: ['conversationId'] },
        { code: 'too_big', path: ['content', 0, 'text'] },
      ],
    });
    expect(classifyKiloChatError(err)).toEqual({ kind: 'server', message: 'Invalid request' });
  });

  it('ignores a too_big issue on other paths', () => {
    expect(classifyKiloChatError(api(400, { error: 'Invalid request', issues: [{ code: 'too_big', path: ['content'] }] }))).toEqual({
      kind: 'server',
      message: 'Invalid request',
    });
    expect(
      classifyKiloChatError(api(400, { error: 'x', issues: [{ code: 'too_small', path: ['content', 'a', 'text'] }] })),
    ).toEqual({ kind: 'server', message: 'x' });
  });

  it('surfaces a non-empty error string', () => {
    expect(classifyKiloChatError(api(409, { error: 'Edit conflict', messageId: 'm' }))).toEqual({
      kind: 'server',
      message: 'Edit conflict',
    });
  });

  it('treats a malformed-response error as fallback', () => {
    expect(classifyKiloChatError(new KiloChatResponseError({ routeId: 'H7', status: 201, issues: [] }))).toEqual({
      kind: 'fallback',
    });
  });
});

describe('formatKiloChatError', () => {
  const api = (status: number, body: unknown) => new KiloChatApiError(status, body);

  it.each([
    [api(403, { error: 'Forbidden' }), 'Not allowed'],
    [api(400, { issues: [{ code: 'too_big', path: ['content', 0, 'text'], maximum: 8000 }] }), 'Message is too long — keep it under 8,000 characters'],
    [api(400, { issues: [{ code: 'too_big', path: ['content', 0, 'text'], maximum: 12000 }] }), 'Message is too long — keep it under 12,000 characters'],
    [api(400, { issues: [{ code: 'too_big', path: ['title'], maximum: 2000 }] }), 'Title is too long — keep it under 2000 characters'],
    [api(400, { issues: [{ code: 'too_small', path: ['content', 0, 'text'] }] }), "Message can't be empty"],
    [api(404, { error: 'Message not found' }), 'Message not found'],
    [api(500, { error: 'internal' }), 'Something went wrong'],
    [new Error('network'), 'Something went wrong'],
  ])('formats %o as %j', (err, text) => {
    expect(formatKiloChatError(err, 'Something went wrong')).toBe(text);
  });
});
