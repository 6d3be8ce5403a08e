import { describe, expect, it } from 'vitest';
import { socketEndpoint, ticketEndpoint } from '../src/url';

describe('endpoint derivation', () => {
  it.each([
    ['ws://h:8080', 'http://h:8080/connect-ticket', 'ws://h:8080/connect?ticket=t'],
    ['wss://h', 'https://h/connect-ticket', 'wss://h/connect?ticket=t'],
    ['http://h', 'http://h/connect-ticket', 'ws://h/connect?ticket=t'],
    ['https://h', 'https://h/connect-ticket', 'wss://h/connect?ticket=t'],
    ['https://h/events', 'https://h/events/connect-ticket', 'wss://h/events/connect?ticket=t'],
    ['https://h/events/', 'https://h/events/connect-ticket', 'wss://h/events/connect?ticket=t'],
    ['https://h/a/b?x=1#f', 'https://h/a/b/connect-ticket', 'wss://h/a/b/connect?ticket=t'],
  ])('%s', (base, ticket, socket) => {
    expect(ticketEndpoint(base)).toBe(ticket);
    expect(socketEndpoint(base, 't')).toBe(socket);
  });

  it('encodes the ticket and never adds anything else to the query', () => {
    expect(socketEndpoint('https://h', 'a b&c=d')).toBe('wss://h/connect?ticket=a+b%26c%3Dd');
  });

  it('rejects other schemes and relative URLs', () => {
    expect(() => ticketEndpoint('ftp://h')).toThrow(TypeError);
    expect(() => ticketEndpoint('/relative')).toThrow(TypeError);
  });
});
