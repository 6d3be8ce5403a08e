/** A human the mock knows by id, with the profile fields conversation details show. */
export interface UserRecord {
  /** The Kilo user id (the JWT `sub` / `kiloUserId`). */
  id: string;
  /** Shown in conversation details; null when unknown. */
  displayName: string | null;
  /** Shown in conversation details; null when unknown. */
  avatarUrl: string | null;
}

/** Input of {@link UserDirectory.create}. */
export interface CreateUserInput {
  /** The user id. */
  id: string;
  /** Optional display name. */
  displayName?: string | null;
  /** Optional avatar URL. */
  avatarUrl?: string | null;
}

/**
 * Every user the mock has seen. Any valid JWT is accepted for any id, as the
 * real service accepts any Kilo user; the profile is known only for users
 * created explicitly (others read back with null name and avatar).
 */
export class UserDirectory {
  private readonly users = new Map<string, UserRecord>();

  /** Creates or replaces a user's profile. */
  create(input: CreateUserInput): UserRecord {
    const record: UserRecord = {
      id: input.id,
      displayName: input.displayName ?? null,
      avatarUrl: input.avatarUrl ?? null,
    };
    this.users.set(input.id, record);
    return record;
  }

  /** The user's profile, or undefined when it was never created. */
  get(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  /** Every created user, in creation order. */
  all(): UserRecord[] {
    return [...this.users.values()];
  }
}
