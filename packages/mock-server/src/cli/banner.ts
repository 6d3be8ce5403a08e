import type { MockServer } from '../server/start-mock-server.js';

/** Lifetime of the tokens the banner prints: 24 h. */
export const BANNER_TOKEN_TTL_SECONDS = 24 * 3600;

/** What else the banner should mention. */
export interface BannerOptions {
  /** URL of the built-in echo bot, when it runs. */
  echoBotUrl: string | null;
  /** The `--bot-webhook` URL, when given. */
  botWebhookUrl: string | null;
  /** How to run this CLI again (for the `watch` hint). Default `npx kilo-chat-mock-server`. */
  command?: string;
  /**
   * Whether the server also serves a built web app (`--web-root`). The banner
   * then opens with the one URL to open in a browser (signed in as the demo's
   * alice when the demo seed is loaded). Default false.
   */
  webApp?: boolean;
}

/** The URL of the served web app to print: the demo's first user is signed in through `?as=`. */
export function webAppUrl(server: MockServer): string {
  return server.demo ? `${server.url}/?as=${encodeURIComponent(server.demo.alice)}` : `${server.url}/`;
}

/**
 * Prints where the mock listens, ready-to-use tokens and a curl example,
 * so a newcomer can send a message and watch it arrive.
 */
export async function printBanner(server: MockServer, options: BannerOptions, print: (line: string) => void = console.log): Promise<void> {
  const lines: string[] = [];
  if (options.webApp) {
    lines.push(`Open the web chat: ${webAppUrl(server)}`);
    if (server.demo) lines.push(`  (signed in as ${server.demo.alice}; open a second window and sign in as ${server.demo.bob} to chat)`);
    lines.push('');
  }
  lines.push('Kilo Chat mock server is ready.');
  lines.push(`  Chat API       ${server.chatUrl}`);
  lines.push(`  Event service  ${server.eventsUrl}   (POST ${server.url}/connect-ticket, then /connect?ticket=…)`);
  lines.push(`  Health         ${server.url}/health`);
  lines.push(`  Dev token      POST ${server.url}/_dev/token {"userId":"…"}`);
  const demo = server.demo;
  if (demo) {
    const alice = await server.mintUserToken(demo.alice, { expiresInSeconds: BANNER_TOKEN_TTL_SECONDS });
    const bob = await server.mintUserToken(demo.bob, { expiresInSeconds: BANNER_TOKEN_TTL_SECONDS });
    const gateway = server.gatewayToken(demo.sandboxId);
    lines.push('');
    lines.push('Demo data:');
    lines.push(`  sandbox        ${demo.sandboxId} (owner ${demo.alice}, bot ${demo.botId})`);
    lines.push(`  conversations  Welcome ${demo.welcomeConversationId} (alice + bot)`);
    lines.push(`                 Team chat ${demo.teamConversationId} (alice + bob + bot)`);
    lines.push(
      `  bot webhooks   ${options.botWebhookUrl ?? (options.echoBotUrl ? `built-in echo bot (${options.echoBotUrl})` : 'none')}`,
    );
    lines.push('');
    lines.push('Tokens (valid 24 h):');
    lines.push(`  export ALICE_TOKEN=${alice}`);
    lines.push(`  export BOB_TOKEN=${bob}`);
    lines.push(`  export BOT_TOKEN=${gateway}`);
    lines.push('');
    lines.push('Watch alice’s events in a second terminal:');
    lines.push(`  ${options.command ?? 'npx kilo-chat-mock-server'} watch --url ${server.url} --user ${demo.alice}`);
    lines.push('');
    lines.push('Then send a message as alice:');
    lines.push(`  curl -s -X POST ${server.url}/v1/messages \\`);
    lines.push('    -H "authorization: Bearer $ALICE_TOKEN" -H "content-type: application/json" \\');
    lines.push(`    -d '{"conversationId":"${demo.welcomeConversationId}","content":[{"type":"text","text":"Hello bot"}]}'`);
  } else {
    lines.push('');
    lines.push('No seed loaded (start with --seed demo for sample users, a sandbox and conversations).');
  }
  lines.push('');
  lines.push('Press Ctrl+C to stop.');
  for (const line of lines) print(line);
}
