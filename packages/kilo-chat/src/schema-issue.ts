import type { z } from 'zod';

/**
 * One validation problem, in a plain shape that is safe to log or send: where
 * (`path`, from the root of the parsed value), what kind (`code`, a zod issue
 * code such as `too_small`, or this SDK's own code) and a human-readable
 * `message`. Messages never contain the rejected value.
 */
export type KiloChatSchemaIssue = {
  /** Keys and array indexes from the root of the parsed value; `[]` for the value itself. */
  path: (string | number)[];
  /** Machine-readable kind of problem, e.g. `invalid_type`, `too_big`, `custom`. */
  code: string;
  /** Human-readable description. */
  message: string;
};

/**
 * Copies zod's issues into {@link KiloChatSchemaIssue}s (symbol keys become strings).
 * @internal
 */
export function toSchemaIssues(error: z.ZodError): KiloChatSchemaIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    code: issue.code,
    message: issue.message,
  }));
}

/**
 * A one-line summary of issues for an error message, e.g. `memberId: Too small`.
 * @internal
 */
export function summarizeIssues(issues: readonly KiloChatSchemaIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'no details';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${where}${first.message}${more}`;
}
