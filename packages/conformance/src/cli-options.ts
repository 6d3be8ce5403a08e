import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { ConformanceError } from './conformance-error.js';
import type { ConformanceReport, ScenarioResult } from './run-conformance.js';
import type { ConformanceTarget, TokenSource, WebhookTargetOptions } from './target.js';

const run = promisify(execFile);

/** What the CLI parsed from its arguments. */
export interface ParsedConformanceArgs {
  /** The target to run against. */
  readonly target: ConformanceTarget;
  /** Print one JSON report instead of lines. */
  readonly json: boolean;
  /** Only scenarios whose id contains one of these. */
  readonly filter: readonly string[];
  /** Print usage and exit. */
  readonly help: boolean;
}

/** The CLI's usage text. */
export const CONFORMANCE_USAGE = `kilo-chat-conformance — run the Kilo Chat contract suite against a deployment

  --chat-url URL            Kilo Chat base URL (required)
  --events-url URL          Event Service base URL (required)
  --sandbox ID              a sandbox the user owns (required)
  --user-token TOKEN        the sandbox owner's JWT
  --second-user-token TOKEN another user's JWT (optional; scenarios needing it are skipped)
  --bot-token TOKEN         the sandbox bot's gateway token (optional; ditto)
  --badges-url URL          badge API base URL (optional; badge scenarios are skipped without it)
  --token-command CMD       instead of tokens: a command run as \`CMD <role>\` (role: user, second-user, bot)
                            that prints a fresh token; run before each use
  --filter TEXT             only scenarios whose id contains TEXT (repeatable)
  --event-timeout MS        wait for an expected event, default 5000
  --quiet-window MS         wait before concluding an event was not pushed, default event-timeout / 5
  --webhook-sandbox ID      a sandbox the user owns whose bot webhook points at the suite's receiver
                            (opt-in webhook scenarios; skipped without it or --dev-routes)
  --webhook-listen HOST:PORT where the receiver listens (required with --webhook-sandbox; default 127.0.0.1:0)
  --webhook-bot-token TOKEN that sandbox's gateway token, to check the webhook's authorization header exactly
  --dev-routes              the target is the reference mock server: use its /_dev and /_control routes
                            (fresh webhook sandboxes, ticket expiry); never for a real deployment
  --json                    print a JSON report (each result names the reference sections it checks)
  --help`;

function commandToken(command: string, role: string): TokenSource {
  return async () => {
    const [cmd, ...args] = command.split(' ').filter(Boolean);
    if (!cmd) throw new ConformanceError('invalid_target', '--token-command is empty');
    const { stdout } = await run(cmd, [...args, role]);
    const token = stdout.trim();
    if (!token) throw new ConformanceError('invalid_target', `--token-command printed no token for ${role}`);
    return token;
  };
}

/**
 * Parses the CLI arguments. Throws a `ConformanceError` with code
 * `invalid_target` naming what is missing.
 */
export function parseConformanceArgs(argv: readonly string[]): ParsedConformanceArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'chat-url': { type: 'string' },
      'events-url': { type: 'string' },
      sandbox: { type: 'string' },
      'user-token': { type: 'string' },
      'second-user-token': { type: 'string' },
      'bot-token': { type: 'string' },
      'badges-url': { type: 'string' },
      'token-command': { type: 'string' },
      filter: { type: 'string', multiple: true },
      'event-timeout': { type: 'string' },
      'quiet-window': { type: 'string' },
      'webhook-sandbox': { type: 'string' },
      'webhook-listen': { type: 'string' },
      'webhook-bot-token': { type: 'string' },
      'dev-routes': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const help = values.help === true;
  const missing = (['chat-url', 'events-url', 'sandbox'] as const).filter((k) => !values[k]);
  const command = values['token-command'];
  if (!values['user-token'] && !command) missing.push('user-token' as never);
  if (!help && missing.length > 0) {
    throw new ConformanceError('invalid_target', `missing ${missing.map((m) => `--${m}`).join(', ')} (see --help)`);
  }
  const token = (flag: string | undefined, role: string): TokenSource | undefined =>
    flag ?? (command ? commandToken(command, role) : undefined);
  const timeout = values['event-timeout'] === undefined ? undefined : Number(values['event-timeout']);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout > 0)) {
    throw new ConformanceError('invalid_target', '--event-timeout must be a positive integer (milliseconds)');
  }
  const quiet = values['quiet-window'] === undefined ? undefined : Number(values['quiet-window']);
  if (quiet !== undefined && !(Number.isInteger(quiet) && quiet >= 0)) {
    throw new ConformanceError('invalid_target', '--quiet-window must be a non-negative integer (milliseconds)');
  }
  const target: ConformanceTarget = {
    chatUrl: values['chat-url'] ?? '',
    eventsUrl: values['events-url'] ?? '',
    sandboxId: values.sandbox ?? '',
    userToken: token(values['user-token'], 'user') ?? '',
    ...optional('secondUserToken', token(values['second-user-token'], 'second-user')),
    ...optional('botToken', token(values['bot-token'], 'bot')),
    ...optional('badgesUrl', values['badges-url']),
    ...optional('eventTimeoutMs', timeout),
    ...optional('quietWindowMs', quiet),
    ...(values['dev-routes'] === true ? { devRoutes: true } : {}),
    ...optional('webhook', webhookOptions(values['webhook-sandbox'], values['webhook-listen'], values['webhook-bot-token'], values['dev-routes'] === true)),
  };
  return { target, json: values.json === true, filter: values.filter ?? [], help };
}

function webhookOptions(sandboxId: string | undefined, listen: string | undefined, botToken: string | undefined, devRoutes: boolean): WebhookTargetOptions | undefined {
  if (sandboxId === undefined && listen === undefined && botToken === undefined && !devRoutes) return undefined;
  if (sandboxId !== undefined && listen === undefined) {
    throw new ConformanceError('invalid_target', '--webhook-sandbox needs --webhook-listen: the address its bot webhook was pointed at');
  }
  if (listen !== undefined && !/^(\[[^\]]+\]|[^:]*):\d+$/.test(listen)) {
    throw new ConformanceError('invalid_target', '--webhook-listen must be HOST:PORT');
  }
  return {
    ...optional('sandboxId', sandboxId),
    ...optional('listen', listen),
    ...optional('botToken', botToken),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** One line per scenario: `✓ id — title (12 ms)`, `✗ id — reason`, `- id — skipped: reason`. */
export function formatResult(result: ScenarioResult): string {
  if (result.status === 'passed') return `✓ ${result.id} — ${result.title} (${result.durationMs} ms)`;
  if (result.status === 'skipped') return `- ${result.id} — skipped: ${result.message ?? ''}`;
  return `✗ ${result.id} — ${result.title}\n    ${result.message ?? ''}`;
}

/** The final line: `N passed, N failed, N skipped`. */
export function formatReport(report: ConformanceReport): string {
  return `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`;
}
