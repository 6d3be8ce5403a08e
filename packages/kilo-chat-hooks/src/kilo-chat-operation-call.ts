import type { KiloChatClient, KiloChatOperation } from '@kilocode/kilo-chat';

/**
 * @internal Captures the operation a mutation call runs under. When the
 * client refuses the capture (locked, stale admission, owner gone), the call
 * still goes through TanStack Query and fails there with that error, keeping
 * its variables: the stand-in's `assertDispatch` re-throws it.
 */
export function captureOperationForCall(
  client: Pick<KiloChatClient, 'captureOperation' | 'canPublish'>,
  supplied: KiloChatOperation | undefined,
): KiloChatOperation {
  try {
    return client.captureOperation(supplied);
  } catch (refusal) {
    return Object.freeze({
      assertDispatch: () => {
        throw refusal;
      },
      canPublish: () => client.canPublish(),
    });
  }
}

/** @internal True when the operation may still be dispatched (its `assertDispatch` does not throw). */
export function operationStillAdmitted(operation: KiloChatOperation): boolean {
  try {
    operation.assertDispatch();
    return true;
  } catch {
    return false;
  }
}
