import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SubscriptionRegistry } from '../src/subscription-registry';
import type { WirePlan } from '../src/subscription-registry';

const contextArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const op = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), contexts: fc.array(contextArb, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('remove' as const), contexts: fc.array(contextArb, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('attach' as const), limit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('detach' as const) }),
  fc.record({ kind: fc.constant('serverLimit' as const), max: fc.integer({ min: 1, max: 7 }) }),
);

describe('SubscriptionRegistry', () => {
  it('keeps counts, and its plans keep a simulated server exactly in step with what it believes the socket holds', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const registry = new SubscriptionRegistry();
        const counts = new Map<string, number>();
        let server: Set<string> | undefined;
        let limit = 0;
        const apply = (plan: WirePlan) => {
          if (server === undefined) {
            expect(plan).toEqual({ unsubscribe: [], subscribe: [], overflow: [] });
            return;
          }
          for (const context of plan.unsubscribe) server.delete(context);
          for (const context of plan.subscribe) if (server.size < limit) server.add(context);
        };
        for (const step of ops) {
          switch (step.kind) {
            case 'add':
              for (const c of step.contexts) counts.set(c, (counts.get(c) ?? 0) + 1);
              apply(registry.add(step.contexts));
              break;
            case 'remove':
              for (const c of step.contexts) {
                const n = counts.get(c);
                if (n === undefined) continue;
                if (n <= 1) counts.delete(c);
                else counts.set(c, n - 1);
              }
              apply(registry.remove(step.contexts));
              break;
            case 'attach':
              server = new Set();
              limit = step.limit;
              apply(registry.attach(step.limit));
              break;
            case 'detach':
              server = undefined;
              registry.detach();
              break;
            case 'serverLimit': {
              if (server === undefined) {
                expect(registry.serverLimit(step.max)).toEqual([]);
                break;
              }
              // The server only lowers what it will accept from now on; it keeps what it has.
              const dropped = registry.serverLimit(step.max);
              for (const c of dropped) server.delete(c);
              limit = Math.min(limit, step.max);
              break;
            }
          }
          expect(registry.live()).toEqual([...counts.keys()]);
          for (const [c, n] of counts) expect(registry.count(c)).toBe(n);
          const onSocket = registry.onSocket();
          const overflow = registry.overflowing();
          if (server === undefined) {
            expect(onSocket).toEqual([]);
            expect(overflow).toEqual([]);
          } else {
            expect(onSocket.slice().sort()).toEqual([...server].sort());
            expect([...onSocket, ...overflow].sort()).toEqual([...counts.keys()].sort());
            expect(onSocket.length).toBeLessThanOrEqual(limit);
            if (overflow.length > 0) expect(onSocket.length).toBe(limit);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports each overflowing context once, when it first fails to fit', () => {
    const registry = new SubscriptionRegistry();
    registry.attach(2);
    expect(registry.add(['a', 'b', 'c'])).toEqual({ unsubscribe: [], subscribe: ['a', 'b'], overflow: ['c'] });
    expect(registry.add(['c'])).toEqual({ unsubscribe: [], subscribe: [], overflow: [] });
    expect(registry.count('c')).toBe(2);
    // Removing 'a' frees a place: 'c' is promoted in the same plan, after the unsubscribe.
    expect(registry.remove(['a'])).toEqual({ unsubscribe: ['a'], subscribe: ['c'], overflow: [] });
    expect(registry.onSocket()).toEqual(['b', 'c']);
  });
});
