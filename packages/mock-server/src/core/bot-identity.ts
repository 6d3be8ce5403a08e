/** Prefix of every bot member id: `bot:kiloclaw:<sandboxId>`. */
export const BOT_ID_PREFIX = 'bot:kiloclaw:';

/** The sandbox id rule shared by every route: 1–64 of `[A-Za-z0-9_-]`. */
export const SANDBOX_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The member id of the bot that lives in `sandboxId`. */
export function botIdForSandbox(sandboxId: string): string {
  return `${BOT_ID_PREFIX}${sandboxId}`;
}

/** True when `memberId` names a bot (`bot:kiloclaw:…`). */
export function isBotId(memberId: string): boolean {
  return memberId.startsWith(BOT_ID_PREFIX) && memberId.length > BOT_ID_PREFIX.length;
}

/** The sandbox id inside a bot member id, or null for anything else. */
export function sandboxIdFromBotId(memberId: string): string | null {
  return isBotId(memberId) ? memberId.slice(BOT_ID_PREFIX.length) : null;
}
