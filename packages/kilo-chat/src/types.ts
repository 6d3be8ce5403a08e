// Entry of the `@kilocode/kilo-chat/types` subpath: inferred types only.
export {};
