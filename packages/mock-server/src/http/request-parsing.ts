import type { Context } from 'hono';
import type { ZodType, z } from 'zod';
import { CoreError } from '../core/core-error.js';
import { isUlidString } from '../core/ids.js';
import { JSON_BODY_LIMIT_BYTES, readBodyLimited } from './body-limits.js';
import { wellFormedStrings } from './well-formed-text.js';

/**
 * A `\uD800`–`\uDFFF` escape: the only way a lone surrogate gets into a
 * parsed body (the UTF-8 decoder turns invalid bytes into U+FFFD itself).
 */
const SURROGATE_ESCAPE_RE = /\\u[dD][89a-fA-F]/;

/**
 * Reads a JSON body. A body that is not JSON (including an empty one) is a
 * 400 `Invalid JSON`, unless `emptyAs` is given, which stands in for an
 * empty body. At most {@link JSON_BODY_LIMIT_BYTES} are read (413 beyond).
 * Every lone surrogate in a string becomes U+FFFD (see `toWellFormedText`),
 * as the real service's UTF-8 storage makes it, before anything validates,
 * stores or pushes it.
 */
export async function readJson(c: Context, emptyAs?: unknown): Promise<unknown> {
  const text = new TextDecoder().decode(await readBodyLimited(c, JSON_BODY_LIMIT_BYTES));
  if (text.trim() === '' && emptyAs !== undefined) return emptyAs;
  try {
    return (SURROGATE_ESCAPE_RE.test(text) ? JSON.parse(text, wellFormedStrings) : JSON.parse(text)) as unknown;
  } catch {
    throw new CoreError(400, 'Invalid JSON');
  }
}

/** Validates with `schema`; a failure is a 400 `{ error: message, issues }`. */
export function validate<S extends ZodType>(schema: S, value: unknown, message = 'Invalid request'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CoreError(400, message, { issues: parsed.error.issues });
  return parsed.data;
}

/** Reads and validates a JSON body (`Invalid JSON`, then `Invalid request` + issues). */
export async function jsonBody<S extends ZodType>(c: Context, schema: S, emptyAs?: unknown): Promise<z.output<S>> {
  return validate(schema, await readJson(c, emptyAs));
}

/** Validates the query string (`Invalid query parameters` + issues unless another message is given). */
export function queryParams<S extends ZodType>(c: Context, schema: S, message = 'Invalid query parameters'): z.output<S> {
  return validate(schema, c.req.query(), message);
}

/** A path parameter that must be a ULID; otherwise 400 with `message`. */
export function ulidParam(c: Context, name: string, message: string): string {
  const value = c.req.param(name);
  if (!isUlidString(value)) throw new CoreError(400, message);
  return value.toUpperCase();
}
