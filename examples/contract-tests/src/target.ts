/**
 * What the contract tests run against: the deployment named by environment
 * variables, or — when `KILO_CHAT_URL` is not set — the reference server
 * started in this process with its demo data.
 */
import type { ConformanceTarget } from '@kilocode/kilo-chat-conformance';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';

/** The target, a label for reports, and how to release it. */
export interface ContractTarget {
  /** Where the suite sends its requests, and as whom. */
  target: ConformanceTarget;
  /** `KILO_CHAT_URL`, or `in-process mock server`. */
  label: string;
  /** Stops what {@link openTarget} started (nothing for a remote target). */
  close(): Promise<void>;
}

/** Environment variables a remote target is read from. */
export const TARGET_VARIABLES = {
  chatUrl: 'KILO_CHAT_URL',
  eventsUrl: 'KILO_EVENTS_URL',
  sandboxId: 'KILO_SANDBOX_ID',
  userToken: 'KILO_USER_TOKEN',
  secondUserToken: 'KILO_SECOND_USER_TOKEN',
  botToken: 'KILO_BOT_TOKEN',
  badgesUrl: 'KILO_BADGES_URL',
  eventTimeoutMs: 'KILO_EVENT_TIMEOUT_MS',
} as const;

type Env = Record<string, string | undefined>;

/**
 * Reads a remote target from the environment; null when `KILO_CHAT_URL` is
 * unset. Throws naming every missing required variable when it is set.
 *
 * Required: `KILO_CHAT_URL`, `KILO_EVENTS_URL`, `KILO_SANDBOX_ID` (a sandbox
 * the user owns, made for testing: the suite writes to it) and
 * `KILO_USER_TOKEN` (the owner's JWT). Optional — scenarios that need them are
 * skipped without them: `KILO_SECOND_USER_TOKEN` (another user's JWT),
 * `KILO_BOT_TOKEN` (the sandbox's gateway token), `KILO_BADGES_URL`, and
 * `KILO_EVENT_TIMEOUT_MS` (default 5000).
 */
export function targetFromEnv(env: Env): ConformanceTarget | null {
  const v = TARGET_VARIABLES;
  const chatUrl = env[v.chatUrl];
  if (!chatUrl) return null;
  const required = [v.eventsUrl, v.sandboxId, v.userToken] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`${v.chatUrl} is set, so these are needed too: ${missing.join(', ')}`);
  const optional = (name: string) => env[name] || undefined;
  const timeout = optional(v.eventTimeoutMs);
  if (timeout !== undefined && !(Number(timeout) > 0)) throw new Error(`${v.eventTimeoutMs} must be a positive number`);
  return {
    chatUrl,
    eventsUrl: env[v.eventsUrl]!,
    sandboxId: env[v.sandboxId]!,
    userToken: env[v.userToken]!,
    secondUserToken: optional(v.secondUserToken),
    botToken: optional(v.botToken),
    badgesUrl: optional(v.badgesUrl),
    eventTimeoutMs: timeout === undefined ? undefined : Number(timeout),
  };
}

/**
 * The target from the environment, or else the reference server on a free
 * loopback port with its demo data: alice owns `demo-sandbox`, bob is the
 * second user, and the bot token is the sandbox's gateway token. Its dev
 * routes are offered, so the webhook scenarios run too: each makes a sandbox
 * whose bot webhook points at the suite's own receiver.
 */
export async function openTarget(env: Env = process.env): Promise<ContractTarget> {
  const remote = targetFromEnv(env);
  if (remote) return { target: remote, label: remote.chatUrl, close: async () => {} };

  const server = await startMockServer({ port: 0, seed: 'demo' });
  const demo = server.demo!;
  return {
    target: {
      chatUrl: server.chatUrl,
      eventsUrl: server.eventsUrl,
      badgesUrl: server.chatUrl,
      sandboxId: demo.sandboxId,
      userToken: await server.mintUserToken(demo.alice),
      secondUserToken: await server.mintUserToken(demo.bob),
      botToken: server.gatewayToken(demo.sandboxId),
      devRoutes: true,
      webhook: {},
    },
    label: 'in-process mock server',
    close: () => server.close(),
  };
}
