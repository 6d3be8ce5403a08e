import { type SetupServer, setupServer } from 'msw/node';
import type { ChatCore } from '../core/chat-core.js';
import { type MockHandlersOptions, type MockKiloChat, createMockHandlers } from './create-mock-handlers.js';

/** The msw face with a Node msw server already created (not yet listening). */
export interface MockKiloChatServer extends MockKiloChat {
  /** The msw server: call `listen()` before the test and `close()` after. */
  server: SetupServer;
}

/**
 * Creates the msw handlers and an msw Node server for them, for app tests
 * that use msw rather than a port. For browser tests, pass
 * `createMockHandlers().handlers` to `setupWorker` instead.
 */
export function setupMockKiloChat(options: MockHandlersOptions & { core?: ChatCore } = {}): MockKiloChatServer {
  const mock = createMockHandlers(options.core, options);
  return { ...mock, server: setupServer(...mock.handlers) };
}
