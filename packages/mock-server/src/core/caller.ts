/** Who is making a request, as the auth layer established it. */
export interface Caller {
  /** A user id, or `bot:kiloclaw:<sandboxId>`. */
  id: string;
  /** `user` on `/v1/*`, `bot` on `/bot/v1/*`. */
  kind: 'user' | 'bot';
}

/** A user caller. */
export function userCaller(id: string): Caller {
  return { id, kind: 'user' };
}
