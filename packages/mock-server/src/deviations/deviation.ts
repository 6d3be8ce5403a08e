import type { ChatCore } from '../core/chat-core.js';
import type { RealtimePush, RealtimeQuirks } from '../realtime/realtime-quirks.js';

/** One HTTP request as a deviation sees it. */
export interface HttpCall {
  /** The request (its body not yet read). */
  readonly request: Request;
  /** Upper-case method. */
  readonly method: string;
  /** URL path, e.g. `/v1/messages`. */
  readonly path: string;
  /** The whole URL. */
  readonly url: URL;
  /** The JSON body, or undefined when there is none or it is not JSON (read once, cached). */
  json(): Promise<unknown>;
  /** The user id of a bearer JWT, read without verifying it; null without one. */
  userId(): string | null;
}

/**
 * Rewrites one HTTP exchange: may change the request (pass it to `next`),
 * the response, or answer without calling `next`.
 */
export type HttpInterceptor = (call: HttpCall, next: (request?: Request) => Promise<Response>) => Promise<Response>;

/** Sees one event push; `deliver` pushes as the correct server would. Returns whether a socket received it. */
export type PushInterceptor = (push: RealtimePush, deliver: (push: RealtimePush) => boolean) => boolean;

/** Rewrites one outgoing bot webhook; `next` sends it as the correct server would. */
export type WebhookInterceptor = (url: string, init: RequestInit, next: (url: string, init: RequestInit) => Promise<Response>) => Promise<Response>;

/** Where a deviation plugs into a running mock server. */
export interface DeviationHooks {
  /** The server's core (read its state; call its public operations). */
  readonly core: ChatCore;
  /** The realtime switches (set the ones the deviation needs). */
  readonly realtime: RealtimeQuirks;
  /** Adds an HTTP interceptor (applied in the order added, outermost first). */
  http(interceptor: HttpInterceptor): void;
  /** Adds an event push interceptor. */
  push(interceptor: PushInterceptor): void;
  /** Adds an outgoing webhook interceptor. */
  webhook(interceptor: WebhookInterceptor): void;
}

/** A deliberately wrong behaviour of the mock server, for testing a conformance suite. */
export interface MockDeviation<Name extends string = string> {
  /** Stable kebab-case name (the CLI's `--deviate <name>`). */
  readonly name: Name;
  /** One line: what the wrong server does. */
  readonly description: string;
  /** The contract section it breaks, e.g. `event-service.md §3 (exact-string match)`. */
  readonly reference: string;
  /** Plugs the wrong behaviour into a server. */
  install(hooks: DeviationHooks): void;
}

/** Identity helper that keeps a deviation's literal name in its type. */
export function defineDeviation<Name extends string>(deviation: MockDeviation<Name>): MockDeviation<Name> {
  return deviation;
}
