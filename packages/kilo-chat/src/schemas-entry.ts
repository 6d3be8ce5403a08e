// Entry of the `@kilocode/kilo-chat/schemas` subpath: wire schemas, event and
// webhook schemas, inferred types and pure helpers. Imports no client code.
export {};
