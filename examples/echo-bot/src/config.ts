import { parseArgs } from 'node:util';

/** How to run the bot: flags first, then environment variables, then defaults. */
export interface EchoBotConfig {
  /** `--chat-url` / `KILO_CHAT_URL`; default `http://127.0.0.1:8787` (what `npm start` serves). */
  chatUrl: string;
  /** `--sandbox` / `KILO_SANDBOX_ID`; default `demo-sandbox`. */
  sandboxId: string;
  /** `--gateway-token` / `BOT_TOKEN` (the name `npm start`'s banner prints). Required. */
  gatewayToken: string;
  /** `--port` / `ECHO_BOT_PORT`; default 8788. */
  port: number;
  /** `--host` / `ECHO_BOT_HOST`; default `127.0.0.1`. */
  host: string;
  /** `--heartbeat-seconds` / `ECHO_BOT_HEARTBEAT_SECONDS`; default 30. */
  heartbeatSeconds: number;
}

export const USAGE = `Usage: echo-bot [--chat-url URL] [--sandbox ID] [--gateway-token TOKEN] [--port 8788]
               [--host 127.0.0.1] [--heartbeat-seconds 30]

Environment instead of flags: KILO_CHAT_URL, KILO_SANDBOX_ID, BOT_TOKEN,
ECHO_BOT_PORT, ECHO_BOT_HOST, ECHO_BOT_HEARTBEAT_SECONDS. Prefer BOT_TOKEN to
--gateway-token: flags are visible to every user of the machine.`;

/** Reads the configuration; throws an `Error` saying what is wrong. Returns null for `--help`. */
export function readConfig(argv: readonly string[], env: Record<string, string | undefined>): EchoBotConfig | null {
  const { values } = parseArgs({
    // `pnpm start -- --port 1` passes the `--` through; skip it.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      'chat-url': { type: 'string' },
      sandbox: { type: 'string' },
      'gateway-token': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'heartbeat-seconds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;

  const gatewayToken = values['gateway-token'] ?? env.BOT_TOKEN;
  if (!gatewayToken) throw new Error('missing the gateway token: set BOT_TOKEN (or pass --gateway-token)');
  const port = Number(values.port ?? env.ECHO_BOT_PORT ?? 8788);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer from 0 to 65535');
  const heartbeatSeconds = Number(values['heartbeat-seconds'] ?? env.ECHO_BOT_HEARTBEAT_SECONDS ?? 30);
  if (!(heartbeatSeconds > 0)) throw new Error('--heartbeat-seconds must be a positive number');

  return {
    chatUrl: (values['chat-url'] ?? env.KILO_CHAT_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, ''),
    sandboxId: values.sandbox ?? env.KILO_SANDBOX_ID ?? 'demo-sandbox',
    gatewayToken,
    port,
    host: values.host ?? env.ECHO_BOT_HOST ?? '127.0.0.1',
    heartbeatSeconds,
  };
}
