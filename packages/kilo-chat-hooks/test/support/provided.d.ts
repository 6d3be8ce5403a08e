declare module 'vitest' {
  export interface ProvidedContext {
    /** The React major the project runs on ('19', or '18' in kilo-chat-hooks-react18). */
    reactMajor: string;
  }
}
export {};
