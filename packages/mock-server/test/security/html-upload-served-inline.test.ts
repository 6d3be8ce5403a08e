import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index';
import { BLOB_CONTENT_SECURITY_POLICY } from '../../src/http/blob-serving-policy';
import { call, createConversation, createWorld, startTestServer, type World } from '../helpers';

const PAGE = '<html><body><script>fetch("/_dev/token",{method:"POST"})</script></body></html>';

/**
 * An attacker uploads an HTML (or SVG) file and rewrites its signed download
 * URL so the mock serves it inline from its own origin, where its script
 * could reach `/_dev/token` and the API. Every such rewrite must fail the
 * signature, and the file must never be served as a page.
 */
describe('an uploaded HTML file served inline from the mock origin', () => {
  let server: MockServer;
  let world: World;
  let C: string;

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
    C = await createConversation(world, 'files');
  });
  afterAll(() => server.close());

  /** Inits, uploads and links a file; returns its signed download URL. */
  async function share(mimeType: string, filename: string, bytes: string, uploadType = mimeType): Promise<string> {
    const init = await call(server, 'POST', '/v1/attachments/init', {
      token: world.u1,
      body: { conversationId: C, mimeType, size: Buffer.byteLength(bytes), filename },
    });
    expect(init.status).toBe(200);
    const put = await fetch(init.body.putUrl, { method: 'PUT', body: bytes, headers: { 'content-type': uploadType } });
    expect(put.status).toBe(200);
    const sent = await call(server, 'POST', '/v1/messages', {
      token: world.u1,
      body: { conversationId: C, content: [{ type: 'attachment', attachmentId: init.body.attachmentId, mimeType, size: 1, filename }] },
    });
    expect(sent.status).toBe(201);
    const url = await call(server, 'GET', `/v1/attachments/${init.body.attachmentId}/url?conversationId=${C}`, { token: world.u1 });
    expect(url.status).toBe(200);
    return url.body.url as string;
  }

  function expectSafeHeaders(response: Response): void {
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(BLOB_CONTENT_SECURITY_POLICY);
  }

  it('serves the untouched URL as an attachment with nosniff and a sandboxing CSP', async () => {
    const url = await share('text/html', 'page.html', PAGE);
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(PAGE);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="page\.html"; filename\*=UTF-8''page\.html$/);
    expectSafeHeaders(download);
  });

  it('refuses a URL whose response-content-disposition was changed to inline', async () => {
    const url = new URL(await share('text/html', 'a.html', PAGE));
    url.searchParams.set('response-content-disposition', 'inline');
    const download = await fetch(url);
    expect(download.status).toBe(403);
    expect(download.headers.get('content-disposition')).toBeNull();
    expectSafeHeaders(download);
  });

  it('refuses a URL whose response-content-disposition was removed', async () => {
    const url = new URL(await share('text/html', 'b.html', PAGE));
    url.searchParams.delete('response-content-disposition');
    expect((await fetch(url)).status).toBe(403);
  });

  it('refuses a URL with an added response-content-type or any other added parameter', async () => {
    const base = await share('application/octet-stream', 'c.bin', PAGE);
    for (const [key, value] of [
      ['response-content-type', 'text/html'],
      ['response-content-disposition', 'inline'],
      ['response-cache-control', 'public'],
      ['x', '1'],
    ] as const) {
      const url = new URL(base);
      url.searchParams.append(key, value);
      const download = await fetch(url);
      expect(download.status, key).toBe(403);
      expect(download.headers.get('content-type'), key).not.toContain('text/html');
    }
  });

  it('serves an SVG image (script-capable) as an attachment even though its URL, as the reference, has no disposition', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const url = await share('image/svg+xml', 'x.svg', svg);
    expect(url).not.toContain('response-content-disposition');
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expectSafeHeaders(download);
  });

  it('serves XML and XHTML as attachments', async () => {
    for (const [mimeType, filename] of [
      ['application/xhtml+xml', 'p.xhtml'],
      ['text/xml', 'p.xml'],
      ['application/x-unknown-thing', 'p.thing'],
    ] as const) {
      const download = await fetch(await share(mimeType, filename, PAGE));
      expect(download.headers.get('content-disposition'), mimeType).toMatch(/^attachment;/);
      expectSafeHeaders(download);
    }
  });

  it('still shows a raster image inline, with the same protective headers', async () => {
    const download = await fetch(await share('image/png', 'dot.png', 'PNG!'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^inline;/);
    expectSafeHeaders(download);
  });

  it('never lets a declared type with a line break reach a header', async () => {
    const download = await fetch(await share('text/plain\r\nx-evil: 1', 'n.txt', 'abc', 'text/plain'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('x-evil')).toBeNull();
  });

  it('puts the protective headers on every blob-route error too', async () => {
    for (const path of ['/_blob/01ARZ3NDEKTSV4RRFFQ69G5FAV', '/_blob/01ARZ3NDEKTSV4RRFFQ69G5FAV?expires=1&sig=00']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(403);
      expectSafeHeaders(response);
    }
  });
});
