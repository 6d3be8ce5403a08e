import { EventServiceError } from './event-service-error.js';
import { MAX_CONTEXT_LENGTH } from './limits.js';

/** The sandbox id grammar the Kilo services accept: 1–64 of `A-Z a-z 0-9 _ -`. */
export const SANDBOX_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** @internal Throws `invalid_context` unless `sandboxId` matches {@link SANDBOX_ID_PATTERN}. */
export function assertSandboxId(sandboxId: string): void {
  if (typeof sandboxId !== 'string' || !SANDBOX_ID_PATTERN.test(sandboxId)) {
    throw new EventServiceError('invalid_context', 'Invalid sandboxId: expected 1-64 characters of A-Z, a-z, 0-9, _ or -');
  }
}

/** @internal Throws `invalid_context` unless `id` is a non-empty path segment (no `/`). */
export function assertSegment(name: string, id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.includes('/')) {
    throw new EventServiceError('invalid_context', `Invalid ${name}: expected a non-empty string without "/"`);
  }
}

/**
 * Returns `context` when it is a valid wire context (1–256 characters),
 * otherwise throws an {@link EventServiceError} with code `invalid_context`.
 */
export function assertContext<T extends string>(context: T): T {
  if (typeof context !== 'string' || context.length < 1 || context.length > MAX_CONTEXT_LENGTH) {
    throw new EventServiceError(
      'invalid_context',
      `Invalid context: expected 1-${MAX_CONTEXT_LENGTH} characters, got ${typeof context === 'string' ? context.length : typeof context}`,
    );
  }
  return context;
}
