/** Options of the conversation mutation hooks (create, rename, leave, mark-read). */
export interface ConversationMutationOptions<TVariables> {
  /**
   * Called when the mutation fails, after the cache was rolled back. Like
   * every hook-level callback of this package it runs only while the client
   * can still publish (never for a previous owner).
   */
  onError?: (error: Error, variables: TVariables) => void;
}
