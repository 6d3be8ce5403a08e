import { botIdForSandbox } from '../core/bot-identity.js';
import type { ChatCore } from '../core/chat-core.js';
import { deterministicUlid } from '../core/ids.js';

/** Ids the demo seed creates, for printing and for tests. */
export interface DemoSeed {
  /** The sandbox owner. */
  alice: string;
  /** A second human (member of the team conversation only). */
  bob: string;
  /** Alice's sandbox. */
  sandboxId: string;
  /** The sandbox's bot id. */
  botId: string;
  /** Alice and the bot. */
  welcomeConversationId: string;
  /** Alice, Bob and the bot. */
  teamConversationId: string;
}

/** The demo sandbox id. */
export const DEMO_SANDBOX_ID = 'demo-sandbox';

/**
 * The time every demo id is made at (2025-01-01T00:00:00Z): the demo seed's
 * conversation and message ids are ULIDs of this time plus a minute per
 * message, with a random part derived from a fixed label, so they are the
 * same on every start and a link or token made against one run keeps working
 * against the next. Messages sent later sort after them.
 */
export const DEMO_SEED_TIME_MS = Date.UTC(2025, 0, 1);

const MINUTE_MS = 60_000;

/** The stable id of a demo item: a ULID at `DEMO_SEED_TIME_MS + minute` minutes. */
function demoId(minute: number, label: string): string {
  return deterministicUlid(DEMO_SEED_TIME_MS + minute * MINUTE_MS, `kilo-chat-mock demo ${label}`);
}

/** The ids the demo seed creates; the same on every start (see {@link DEMO_SEED_TIME_MS}). */
export function demoSeedIds(): DemoSeed {
  return {
    alice: 'alice',
    bob: 'bob',
    sandboxId: DEMO_SANDBOX_ID,
    botId: botIdForSandbox(DEMO_SANDBOX_ID),
    welcomeConversationId: demoId(0, 'welcome conversation'),
    teamConversationId: demoId(0, 'team conversation'),
  };
}

/**
 * Seeds the demo data: users `alice` (owner of sandbox `demo-sandbox`) and
 * `bob`, the sandbox's bot, a "Welcome" conversation (alice + bot) and a
 * "Team chat" conversation (alice + bob + bot), each with a few messages.
 * Every id and time is fixed (see {@link DEMO_SEED_TIME_MS}).
 */
export function applyDemoSeed(core: ChatCore): DemoSeed {
  const ids = demoSeedIds();
  const { alice, bob, botId, welcomeConversationId, teamConversationId } = ids;
  const createdAt = DEMO_SEED_TIME_MS;
  core.createUser({ id: alice, displayName: 'Alice Example' });
  core.createUser({ id: bob, displayName: 'Bob Example' });
  core.createSandbox({ id: DEMO_SANDBOX_ID, ownerId: alice, label: 'Demo claw' });

  core.seedConversation({ id: welcomeConversationId, createdAt, sandboxId: DEMO_SANDBOX_ID, userIds: [alice], title: 'Welcome' });
  core.seedMessage({ id: demoId(1, 'welcome 1'), conversationId: welcomeConversationId, senderId: alice, text: 'Hi! Is anybody there?' });
  core.seedMessage({
    id: demoId(2, 'welcome 2'),
    conversationId: welcomeConversationId,
    senderId: botId,
    text: 'Hello Alice. I am the demo bot: send me a message and I will echo it back.',
  });

  core.seedConversation({ id: teamConversationId, createdAt, sandboxId: DEMO_SANDBOX_ID, userIds: [alice, bob], title: 'Team chat' });
  core.seedMessage({ id: demoId(3, 'team 1'), conversationId: teamConversationId, senderId: alice, text: 'Bob, meet the demo bot.' });
  core.seedMessage({ id: demoId(4, 'team 2'), conversationId: teamConversationId, senderId: bob, text: 'Nice to meet you, bot!' });
  core.seedMessage({
    id: demoId(5, 'team 3'),
    conversationId: teamConversationId,
    senderId: botId,
    text: 'Likewise. Messages you send here reach me as webhooks.',
  });

  return ids;
}
