import type { ChatCore } from '../core/chat-core.js';
import { mockDeviations, type MockDeviationName } from './catalogue.js';
import type { DeviationHooks, HttpCall, HttpInterceptor, MockDeviation, PushInterceptor, WebhookInterceptor } from './deviation.js';
import { bearerUserId } from './http-tools.js';
import { UnknownDeviationError } from './unknown-deviation-error.js';

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * The deviations a server was started with, plugged into its faces: an HTTP
 * fetch wrapper, a webhook fetch wrapper and the realtime switches. Create it
 * before the core (the core takes the webhook fetch), then {@link attach} it.
 */
export class DeviationSet {
  /** The chosen deviations, in catalogue order. */
  readonly deviations: readonly MockDeviation[];
  private readonly httpInterceptors: HttpInterceptor[] = [];
  private readonly webhookInterceptors: WebhookInterceptor[] = [];

  /** @throws {@link UnknownDeviationError} when a name is not in the catalogue. */
  constructor(names: readonly string[]) {
    const valid: readonly string[] = mockDeviations.map((d) => d.name);
    const unknown = names.filter((n) => !valid.includes(n));
    if (unknown.length > 0) throw new UnknownDeviationError(unknown, valid);
    this.deviations = mockDeviations.filter((d) => names.includes(d.name));
  }

  /** The names, in catalogue order. */
  get names(): MockDeviationName[] {
    return this.deviations.map((d) => d.name as MockDeviationName);
  }

  /** A webhook fetch that applies the webhook deviations around `base` (default: the global fetch at call time). */
  webhookFetch(base?: typeof fetch): typeof fetch {
    const send = (url: string, init: RequestInit) => (base ?? globalThis.fetch)(url, init);
    return (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const run = (index: number, u: string, i: RequestInit): Promise<Response> => {
        const interceptor = this.webhookInterceptors[index];
        return interceptor ? interceptor(u, i, (nu, ni) => run(index + 1, nu, ni)) : send(u, i);
      };
      return run(0, url, init ?? {});
    };
  }

  /** Installs every deviation on `core` (its realtime switches and pushes). */
  attach(core: ChatCore): void {
    const pushInterceptors: PushInterceptor[] = [];
    const hooks: DeviationHooks = {
      core,
      realtime: core.realtime.quirks,
      http: (interceptor) => this.httpInterceptors.push(interceptor),
      push: (interceptor) => pushInterceptors.push(interceptor),
      webhook: (interceptor) => this.webhookInterceptors.push(interceptor),
    };
    for (const deviation of this.deviations) deviation.install(hooks);
    if (pushInterceptors.length > 0) {
      core.realtime.quirks.interceptPush = (push, deliver) => {
        const run = (index: number, p: typeof push): boolean => {
          const interceptor = pushInterceptors[index];
          return interceptor ? interceptor(p, (next) => run(index + 1, next)) : deliver(p);
        };
        return run(0, push);
      };
    }
  }

  /** The HTTP entry with the HTTP deviations around `fetch` (the app's own when there are none). */
  wrapFetch<F extends Fetch>(fetch: F): F {
    if (this.httpInterceptors.length === 0) return fetch;
    const interceptors = this.httpInterceptors;
    const wrapped = (request: Request, ...rest: unknown[]) => {
      const run = (index: number, req: Request): Promise<Response> => {
        const interceptor = interceptors[index];
        if (!interceptor) return Promise.resolve((fetch as unknown as (r: Request, ...x: unknown[]) => Response | Promise<Response>)(req, ...rest));
        return interceptor(httpCall(req), (next) => run(index + 1, next ?? req));
      };
      return run(0, request);
    };
    return wrapped as unknown as F;
  }
}

function httpCall(request: Request): HttpCall {
  const url = new URL(request.url);
  let body: Promise<unknown> | undefined;
  return {
    request,
    method: request.method.toUpperCase(),
    path: url.pathname,
    url,
    json: () =>
      (body ??= request
        .clone()
        .text()
        .then((text) => {
          try {
            return text === '' ? undefined : (JSON.parse(text) as unknown);
          } catch {
            return undefined;
          }
        })),
    userId: () => bearerUserId(request),
  };
}
