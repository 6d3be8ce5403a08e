import type { KiloChatClient, KiloChatOperation } from '@kilocode/kilo-chat';
import { useMutation, type MutateOptions, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { captureOperationForCall, operationStillAdmitted } from './kilo-chat-operation-call.js';

/**
 * Options of {@link useKiloChatMutation}: TanStack Query's mutation options,
 * except that `mutationFn` and `onMutate` also receive the operation the call
 * was admitted under (pass it on to the client method).
 */
export type KiloChatMutationOptions<TData, TError, TVariables, TContext> = Omit<
  UseMutationOptions<TData, TError, TVariables, TContext>,
  'mutationFn' | 'onMutate'
> & {
  /** Runs the request. Pass `operation` as the client method's trailing argument. */
  mutationFn: (variables: TVariables, operation: KiloChatOperation) => Promise<TData>;
  /**
   * Optimistic update. Runs after the operation's first `assertDispatch()`;
   * call `operation.assertDispatch()` again after any `await` (for example
   * `cancelQueries`) so a lock or owner switch during the wait writes nothing.
   */
  onMutate?: (variables: TVariables, operation: KiloChatOperation) => TContext | Promise<TContext>;
};

/** `mutate` of {@link useKiloChatMutation}: TanStack's, plus an optional operation captured earlier. */
export type KiloChatMutateFunction<TData, TError, TVariables, TContext> = (
  variables: TVariables,
  options?: MutateOptions<TData, TError, TVariables, TContext>,
  operation?: KiloChatOperation,
) => void;

/** `mutateAsync` of {@link useKiloChatMutation}. */
export type KiloChatMutateAsyncFunction<TData, TError, TVariables, TContext> = (
  variables: TVariables,
  options?: MutateOptions<TData, TError, TVariables, TContext>,
  operation?: KiloChatOperation,
) => Promise<TData>;

/** What {@link useKiloChatMutation} returns: TanStack's result with the caller's variables and the wrapped callers. */
export type UseKiloChatMutationResult<TData, TError, TVariables, TContext> = Omit<
  UseMutationResult<TData, TError, TVariables, TContext>,
  'mutate' | 'mutateAsync' | 'variables'
> & {
  /** The variables of the latest call, as the caller passed them. */
  variables: TVariables | undefined;
  /** Starts the mutation; errors land in the result (and the per-call `onError`). */
  mutate: KiloChatMutateFunction<TData, TError, TVariables, TContext>;
  /**
   * Starts the mutation and returns its promise. After success it also checks
   * that the client's owner is still active (`client.assertOwner()`), and
   * rejects with `'Kilo Chat owner is no longer active'` otherwise.
   */
  mutateAsync: KiloChatMutateAsyncFunction<TData, TError, TVariables, TContext>;
};

const CALL = Symbol('kilo-chat.mutation-call');

interface PinnedCall<TData, TError, TVariables, TContext> {
  readonly variables: TVariables;
  readonly operation: KiloChatOperation;
  readonly options: KiloChatMutationOptions<TData, TError, TVariables, TContext>;
}

/**
 * What TanStack Query stores as the mutation's variables: a copy of the
 * caller's variables object (so `useIsMutating`/`useMutationState` predicates
 * read `variables.sandboxId` as usual) carrying the pinned call under a
 * non-enumerable symbol. Non-object variables are wrapped in `{ value }`.
 */
type CallVariables = Record<PropertyKey, unknown>;

function pinCall<TData, TError, TVariables, TContext>(call: PinnedCall<TData, TError, TVariables, TContext>): CallVariables {
  const variables: unknown = call.variables;
  const carrier: CallVariables =
    typeof variables === 'object' && variables !== null && !Array.isArray(variables) ? { ...(variables as CallVariables) } : { value: variables };
  Object.defineProperty(carrier, CALL, { value: call, enumerable: false });
  return carrier;
}

function pinnedOf<TData, TError, TVariables, TContext>(carrier: CallVariables | undefined): PinnedCall<TData, TError, TVariables, TContext> | undefined {
  return carrier === undefined ? undefined : (carrier[CALL] as PinnedCall<TData, TError, TVariables, TContext> | undefined);
}

/**
 * A mutation that runs under a Kilo Chat *operation*: every message and
 * conversation mutation of this package is built on it, so one ownership
 * policy applies everywhere.
 *
 * - The operation is captured with `client.captureOperation(supplied)` when
 *   `mutate`/`mutateAsync` is called; a refused capture fails the mutation
 *   with the refusal, without any request.
 * - The options in force at call time are pinned to that call: a re-render
 *   with new options (or a new client) cannot redirect its settlement.
 * - `operation.assertDispatch()` runs before `onMutate` and before
 *   `mutationFn`.
 * - Hook-level `onSuccess`/`onError`/`onSettled` run only while
 *   `operation.canPublish()`; per-call `onSuccess`/`onError` only while the
 *   operation is still admitted; per-call `onSettled` while it can publish.
 * - `mutateAsync` checks `client.assertOwner()` after success.
 *
 * @example
 * ```ts
 * const rename = useKiloChatMutation(client, {
 *   mutationFn: (vars: { id: string; title: string }, operation) =>
 *     client.renameConversation(vars.id, { title: vars.title }, operation),
 * });
 * rename.mutate({ id, title: 'Roadmap' });
 * ```
 */
export function useKiloChatMutation<TData = unknown, TError = Error, TVariables = void, TContext = unknown>(
  client: KiloChatClient,
  options: KiloChatMutationOptions<TData, TError, TVariables, TContext>,
): UseKiloChatMutationResult<TData, TError, TVariables, TContext> {
  const latestOptions = useRef(options);
  latestOptions.current = options;

  const { mutationFn: _fn, onMutate: _onMutate, onSuccess: _s, onError: _e, onSettled: _d, ...passThrough } = options;
  type Call = PinnedCall<TData, TError, TVariables, TContext>;
  const mutation = useMutation<TData, TError, CallVariables, TContext>({
    ...passThrough,
    mutationFn: (carrier) => {
      const call = pinnedOf<TData, TError, TVariables, TContext>(carrier) as Call;
      call.operation.assertDispatch();
      return call.options.mutationFn(call.variables, call.operation);
    },
    onMutate: (carrier) => {
      const call = pinnedOf<TData, TError, TVariables, TContext>(carrier) as Call;
      call.operation.assertDispatch();
      return call.options.onMutate?.(call.variables, call.operation) as TContext | Promise<TContext>;
    },
    onSuccess: (data, carrier, context, ...rest) => {
      const call = pinnedOf<TData, TError, TVariables, TContext>(carrier) as Call;
      if (!call.operation.canPublish()) return undefined;
      return (call.options.onSuccess as ((...args: unknown[]) => unknown) | undefined)?.(data, call.variables, context, ...rest);
    },
    onError: (error, carrier, context, ...rest) => {
      const call = pinnedOf<TData, TError, TVariables, TContext>(carrier) as Call;
      if (!call.operation.canPublish()) return undefined;
      return (call.options.onError as ((...args: unknown[]) => unknown) | undefined)?.(error, call.variables, context, ...rest);
    },
    onSettled: (data, error, carrier, context, ...rest) => {
      const call = pinnedOf<TData, TError, TVariables, TContext>(carrier) as Call;
      if (!call.operation.canPublish()) return undefined;
      return (call.options.onSettled as ((...args: unknown[]) => unknown) | undefined)?.(data, error, call.variables, context, ...rest);
    },
  });

  const { mutate: rawMutate, mutateAsync: rawMutateAsync } = mutation;

  const start = useCallback(
    (variables: TVariables, callOptions: MutateOptions<TData, TError, TVariables, TContext> | undefined, supplied: KiloChatOperation | undefined) => {
      const operation = captureOperationForCall(client, supplied);
      const carrier = pinCall<TData, TError, TVariables, TContext>({ variables, operation, options: latestOptions.current });
      const wrapped: MutateOptions<TData, TError, CallVariables, TContext> = {};
      if (callOptions?.onSuccess) {
        const onSuccess = callOptions.onSuccess as (...args: unknown[]) => void;
        wrapped.onSuccess = (data, _carrier, context, ...rest) => {
          if (operationStillAdmitted(operation)) onSuccess(data, variables, context, ...rest);
        };
      }
      if (callOptions?.onError) {
        const onError = callOptions.onError as (...args: unknown[]) => void;
        wrapped.onError = (error, _carrier, context, ...rest) => {
          if (operationStillAdmitted(operation)) onError(error, variables, context, ...rest);
        };
      }
      if (callOptions?.onSettled) {
        const onSettled = callOptions.onSettled as (...args: unknown[]) => void;
        wrapped.onSettled = (data, error, _carrier, context, ...rest) => {
          if (operation.canPublish()) onSettled(data, error, variables, context, ...rest);
        };
      }
      return { carrier, wrapped };
    },
    [client],
  );

  const mutate = useCallback<KiloChatMutateFunction<TData, TError, TVariables, TContext>>(
    (variables, callOptions, supplied) => {
      const { carrier, wrapped } = start(variables, callOptions, supplied);
      rawMutate(carrier, wrapped);
    },
    [start, rawMutate],
  );

  const mutateAsync = useCallback<KiloChatMutateAsyncFunction<TData, TError, TVariables, TContext>>(
    async (variables, callOptions, supplied) => {
      const { carrier, wrapped } = start(variables, callOptions, supplied);
      const data = await rawMutateAsync(carrier, wrapped);
      client.assertOwner();
      return data;
    },
    [start, rawMutateAsync, client],
  );

  const pinned = pinnedOf<TData, TError, TVariables, TContext>(mutation.variables);
  return {
    ...mutation,
    variables: pinned ? pinned.variables : undefined,
    mutate,
    mutateAsync,
  } as UseKiloChatMutationResult<TData, TError, TVariables, TContext>;
}
