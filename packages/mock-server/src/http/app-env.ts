import type { Caller } from '../core/caller.js';

/** Hono environment of the mock app: the authenticated caller, and the bot's sandbox on bot routes. */
export type MockAppEnv = {
  Variables: {
    caller: Caller;
    sandboxId: string;
  };
};
