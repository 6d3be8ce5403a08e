/**
 * The action button ids of a needs-input push. They are wire values shared
 * with the apps' notification categories: never localise them.
 */
export const NEEDS_INPUT_ACTION_IDS = {
  approve: 'kilo:approve',
  reply: 'kilo:reply',
  openPr: 'kilo:open-pr',
  openSession: 'kilo:open-session',
} as const;

/** A needs-input action button id. */
export type NeedsInputActionId = (typeof NEEDS_INPUT_ACTION_IDS)[keyof typeof NEEDS_INPUT_ACTION_IDS];

/** What an agent waits for: an answer, a permission, or something it could not classify. */
export const NEEDS_INPUT_KINDS = ['question', 'permission', 'unknown'] as const;

/** A needs-input kind. */
export type NeedsInputKind = (typeof NEEDS_INPUT_KINDS)[number];

/** A notification category the apps register: its id and its ordered action buttons. */
export interface NeedsInputCategoryDescriptor {
  /** `kilo-needs-input:<kind>` with `-pr` appended when a pull request exists. */
  readonly id: string;
  /** The buttons, in display order. */
  readonly actionIds: readonly NeedsInputActionId[];
}

/** The category id for a kind, with or without a pull request: `kilo-needs-input:<kind>[-pr]`. */
export function needsInputCategoryId({ kind, hasPr }: { kind: NeedsInputKind; hasPr: boolean }): string {
  return `kilo-needs-input:${kind}${hasPr ? '-pr' : ''}`;
}

function actionIdsFor(kind: NeedsInputKind, hasPr: boolean): NeedsInputActionId[] {
  const { approve, reply, openPr, openSession } = NEEDS_INPUT_ACTION_IDS;
  // A question is answered, never approved; a permission is granted, never
  // answered in text; an unclassified request offers both.
  const base: NeedsInputActionId[] =
    kind === 'question' ? [reply, openSession] : kind === 'permission' ? [approve, openSession] : [approve, reply, openSession];
  return hasPr ? [...base, openPr] : base;
}

/**
 * The six categories the apps register, in the order question, permission,
 * unknown — each first without, then with a pull request. Opening the
 * session is always offered; opening the PR only in the `-pr` categories.
 */
export function needsInputCategoryDescriptors(): NeedsInputCategoryDescriptor[] {
  return NEEDS_INPUT_KINDS.flatMap((kind) =>
    [false, true].map((hasPr) => ({ id: needsInputCategoryId({ kind, hasPr }), actionIds: actionIdsFor(kind, hasPr) })),
  );
}
