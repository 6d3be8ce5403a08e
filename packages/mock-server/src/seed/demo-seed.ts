import { botIdForSandbox } from '../core/bot-identity.js';
import type { ChatCore } from '../core/chat-core.js';

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
 * Seeds the demo data: users `alice` (owner of sandbox `demo-sandbox`) and
 * `bob`, the sandbox's bot, a "Welcome" conversation (alice + bot) and a
 * "Team chat" conversation (alice + bob + bot), each with a few messages.
 */
export function applyDemoSeed(core: ChatCore): DemoSeed {
  const alice = 'alice';
  const bob = 'bob';
  core.createUser({ id: alice, displayName: 'Alice Example' });
  core.createUser({ id: bob, displayName: 'Bob Example' });
  core.createSandbox({ id: DEMO_SANDBOX_ID, ownerId: alice, label: 'Demo claw' });
  const botId = botIdForSandbox(DEMO_SANDBOX_ID);

  const welcomeConversationId = core.seedConversation({ sandboxId: DEMO_SANDBOX_ID, userIds: [alice], title: 'Welcome' });
  core.seedMessage({ conversationId: welcomeConversationId, senderId: alice, text: 'Hi! Is anybody there?' });
  core.seedMessage({
    conversationId: welcomeConversationId,
    senderId: botId,
    text: 'Hello Alice. I am the demo bot: send me a message and I will echo it back.',
  });

  const teamConversationId = core.seedConversation({ sandboxId: DEMO_SANDBOX_ID, userIds: [alice, bob], title: 'Team chat' });
  core.seedMessage({ conversationId: teamConversationId, senderId: alice, text: 'Bob, meet the demo bot.' });
  core.seedMessage({ conversationId: teamConversationId, senderId: bob, text: 'Nice to meet you, bot!' });
  core.seedMessage({ conversationId: teamConversationId, senderId: botId, text: 'Likewise. Messages you send here reach me as webhooks.' });

  return { alice, bob, sandboxId: DEMO_SANDBOX_ID, botId, welcomeConversationId, teamConversationId };
}
