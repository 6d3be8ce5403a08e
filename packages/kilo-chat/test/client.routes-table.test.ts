/**
 * The route table is consistent with itself and with the published OpenAPI
 * document built from it.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../../scripts/spec/kilo-chat-openapi';
import { KiloChatClient, kiloChatRouteList, kiloChatRoutes } from '../src/index';

const ids = kiloChatRouteList.map((route) => route.id);

describe('kiloChatRoutes', () => {
  it('lists H1–H21 then B1–B18, keyed by id', () => {
    expect(ids).toEqual([
      ...Array.from({ length: 21 }, (_, i) => `H${i + 1}`),
      ...Array.from({ length: 18 }, (_, i) => `B${i + 1}`),
    ]);
    for (const [key, route] of Object.entries(kiloChatRoutes)) expect(route.id).toBe(key);
  });

  it('has unique operation ids and unique method + path pairs', () => {
    expect(new Set(kiloChatRouteList.map((r) => r.operationId)).size).toBe(kiloChatRouteList.length);
    expect(new Set(kiloChatRouteList.map((r) => `${r.method} ${r.path}`)).size).toBe(kiloChatRouteList.length);
  });

  it.each(kiloChatRouteList.map((route) => [route.id, route] as const))('%s is self-consistent', (_id, route) => {
    const placeholders = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(Object.keys(route.params?.shape ?? {}).sort()).toEqual([...placeholders].sort());

    if (route.auth === 'user') {
      expect(route.path.startsWith('/v1/')).toBe(true);
      expect(route.id.startsWith('H')).toBe(true);
    } else {
      expect(route.path.startsWith('/bot/v1/sandboxes/{sandboxId}/')).toBe(true);
      expect(route.id.startsWith('B')).toBe(true);
    }
    if (route.method === 'GET' || route.method === 'DELETE') expect(route.body).toBeUndefined();
    expect(route.admission === 'read').toBe(route.method === 'GET');
    expect(route.deadline).toBe(route.id === 'H7' || route.id === 'B1' ? 'send' : 'controlPlane');
    expect([200, 201]).toContain(route.successStatus);
  });

  it('names each human route after its KiloChatClient method', () => {
    for (const route of kiloChatRouteList.filter((r) => r.auth === 'user')) {
      expect(typeof (KiloChatClient.prototype as unknown as Record<string, unknown>)[route.operationId]).toBe('function');
    }
  });

  it('marks exactly typing/stop and request-bot-status as owner-only', () => {
    expect(kiloChatRouteList.filter((r) => r.admission === 'ownerOnly').map((r) => r.id)).toEqual(['H16', 'H20']);
  });
});

describe('OpenAPI document', () => {
  type Doc = {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; 'x-route-id': string; security: unknown[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };
  const doc = () => generate()['kilo-chat.openapi.json'] as Doc;

  it('is deterministic', () => {
    expect(JSON.stringify(generate())).toBe(JSON.stringify(generate()));
  });

  it('has one operation per route with its success and error statuses', () => {
    const document = doc();
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations).toHaveLength(39);
    for (const route of kiloChatRouteList) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      expect(operation.operationId).toBe(route.operationId);
      expect(operation['x-route-id']).toBe(route.id);
      expect(operation.security).toEqual([route.auth === 'user' ? { kiloJwt: [] } : { gatewayToken: [] }]);
      expect(Object.keys(operation.responses)).toContain(String(route.successStatus));
      expect(Object.keys(operation.responses)).toContain('401');
      for (const error of route.errors) expect(Object.keys(operation.responses)).toContain(String(error.status));
    }
  });

  it('resolves every $ref to a component', () => {
    const document = doc();
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(39);
    for (const name of refs) expect(document.components.schemas[name]).toBeDefined();
  });
});
