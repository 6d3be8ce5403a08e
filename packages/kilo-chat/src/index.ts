// Public entry of @kilocode/kilo-chat. Explicit named exports only.

// --- schemas, events, webhooks, utilities (see schemas-entry.ts) ---
export * from './schemas-entry';

// --- clients and errors ---
