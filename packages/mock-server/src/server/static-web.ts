import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { MockAppEnv } from '../http/app-env.js';

/** Content types of the files a built web app ships. Anything else is `application/octet-stream`. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Path prefixes the server itself answers. The web app never shadows them,
 * and an unknown path under them stays a JSON 404 instead of the app's page.
 */
const SERVER_PREFIXES = ['/v1/', '/bot/', '/_dev/', '/_control/', '/_blob/', '/connect', '/health'];

/** The content type for a file name, by extension. */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

async function readRegularFile(path: string): Promise<Buffer | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    return await readFile(path);
  } catch {
    return null;
  }
}

/**
 * Serves a built single-page app from `staticDir` on the mock's own origin,
 * after every server route: `GET`/`HEAD` of a file under the folder answers
 * it with its content type; any other path that does not look like a file
 * (no extension) answers `index.html`, so client-side routes survive a
 * reload. Paths never leave the folder. Hashed files under `/assets/` may be
 * cached for a year; everything else is revalidated on each load.
 */
export function registerStaticWeb(app: Hono<MockAppEnv>, staticDir: string): void {
  const root = resolve(staticDir);
  const indexPath = resolve(root, 'index.html');

  const serve = async (method: string, pathname: string): Promise<Response | null> => {
    if (SERVER_PREFIXES.some((prefix) => pathname === prefix.replace(/\/$/, '') || pathname.startsWith(prefix))) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const candidate = resolve(root, `.${decoded}`);
    if (candidate !== root && !candidate.startsWith(root + sep)) return null;

    let filePath = candidate === root ? indexPath : candidate;
    let body = await readRegularFile(filePath);
    if (!body && extname(decoded) === '') {
      // A client-side route: answer the app's page.
      filePath = indexPath;
      body = await readRegularFile(indexPath);
    }
    if (!body) return null;
    const immutable = decoded.startsWith('/assets/') && filePath !== indexPath;
    const headers = {
      'content-type': contentTypeFor(filePath),
      'content-length': String(body.byteLength),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const response = await serve(c.req.method, new URL(c.req.url).pathname);
    if (response) return response;
    await next();
  });
}
