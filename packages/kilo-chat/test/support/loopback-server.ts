/**
 * A real `node:http` server on 127.0.0.1 (port 0) for client tests. It
 * records every request exactly as it arrived and answers with responses the
 * test scripted, in order, so a test can assert the wire (method, path, query
 * order, headers, body) and drive status → error mapping through real `fetch`.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/conversations?limit=2`. */
  url: string;
  /** The path without the query. */
  path: string;
  /** Query pairs in wire order. */
  query: [string, string][];
  /** The raw query string without `?` (`''` when none). */
  rawQuery: string;
  /** Lower-cased header names. */
  headers: IncomingHttpHeaders;
  /** The raw body (`''` when none). */
  bodyText: string;
  /** The body parsed as JSON, or `undefined` when empty. */
  body: unknown;
}

/** What the server answers to one request. */
export interface ScriptedResponse {
  /** @default 200 */
  status?: number;
  /** Serialised as JSON unless `rawBody` is given; omitted → empty body. */
  json?: unknown;
  /** Sent verbatim (for non-JSON bodies). */
  rawBody?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Queues responses; each request takes the next one. Unscripted requests get 599. */
  respond(...responses: ScriptedResponse[]): void;
  /** Stops the server and drops keep-alive connections. */
  close(): Promise<void>;
}

function send(res: import('node:http').ServerResponse, scripted: ScriptedResponse): void {
  const headers: Record<string, string> = { ...scripted.headers };
  let payload = '';
  if (scripted.rawBody !== undefined) {
    payload = scripted.rawBody;
  } else if (scripted.json !== undefined) {
    payload = JSON.stringify(scripted.json);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(scripted.status ?? 200, headers);
  res.end(payload);
}

/** Starts a loopback server. Close it in `afterEach`. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const script: ScriptedResponse[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bodyText = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const questionMark = url.indexOf('?');
      const rawQuery = questionMark === -1 ? '' : url.slice(questionMark + 1);
      let body: unknown;
      try {
        body = bodyText === '' ? undefined : JSON.parse(bodyText);
      } catch {
        body = bodyText;
      }
      requests.push({
        method: req.method ?? '',
        url,
        path: questionMark === -1 ? url : url.slice(0, questionMark),
        query: [...new URLSearchParams(rawQuery).entries()],
        rawQuery,
        headers: req.headers,
        bodyText,
        body,
      });
      send(res, script.shift() ?? { status: 599, json: { error: 'unscripted request' } });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (...responses) => {
      script.push(...responses);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
