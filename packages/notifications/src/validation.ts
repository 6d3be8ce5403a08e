import type { z } from 'zod';
import { NotificationsError, type NotificationsErrorCode, type NotificationsIssue } from './notifications-error.js';

/**
 * The result of checking a value against a contract: the parsed value, or a
 * {@link NotificationsError} listing every issue with its path.
 */
export type ContractValidation<T> = { kind: 'ok'; data: T } | { kind: 'invalid'; error: NotificationsError };

/** @internal Converts zod issues to the package's plain issue records. */
export function toIssues(error: z.ZodError): NotificationsIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    code: issue.code,
    message: issue.message,
  }));
}

/** @internal Renders issues as `path: message; path: message`. */
export function describeIssues(issues: readonly NotificationsIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length === 0 ? '(root)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}

/** @internal Safe-parses `input` and wraps a failure in a typed error. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  label: string,
  code: NotificationsErrorCode = 'invalid_input',
): ContractValidation<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { kind: 'ok', data: result.data };
  const issues = toIssues(result.error);
  return {
    kind: 'invalid',
    error: new NotificationsError(code, `Invalid ${label}: ${describeIssues(issues)}`, { issues, cause: result.error }),
  };
}

/** @internal Returns the data of a valid result and throws the error of an invalid one. */
export function unwrapValidation<T>(result: ContractValidation<T>): T {
  if (result.kind === 'invalid') throw result.error;
  return result.data;
}
