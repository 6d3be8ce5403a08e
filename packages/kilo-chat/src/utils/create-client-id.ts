import { monotonicFactory } from 'ulid';

let nextId: (() => string) | undefined;

/**
 * A new ULID for a message's `clientId`. Ids from one page load (or process)
 * strictly increase, even within one millisecond or when the clock steps
 * back, so they sort in the order the user sent them.
 */
export function createClientId(): string {
  // Created on first use so that importing the package has no side effects.
  nextId ??= monotonicFactory();
  return nextId();
}
