import { describe, expect, it, vi } from 'vitest';
import { KeyedListeners, ListenerSet } from '../src/listeners';

describe('ListenerSet', () => {
  it('keeps one registration per function, isolates throws, and applies changes from the next emit', () => {
    const set = new ListenerSet<[number]>();
    const report = vi.fn();
    const seen: string[] = [];
    const late = () => seen.push('late');
    const second = (n: number) => seen.push(`second ${n}`);
    set.add(() => {
      throw new Error('first');
    });
    const offSecond = set.add(second);
    set.add(second);
    set.add(() => {
      offSecond();
      set.add(late);
    });
    set.emit(report, 'test', 1);
    expect(seen).toEqual(['second 1']);
    expect(report).toHaveBeenCalledWith(expect.objectContaining({ message: 'first' }), 'test', undefined);
    set.emit(report, 'test', 2);
    expect(seen).toEqual(['second 1', 'late']);
    offSecond();
    expect(set.size).toBe(3);
  });
});

describe('KeyedListeners', () => {
  it('routes by key, reports the key with a throw, and drops empty keys', () => {
    const keyed = new KeyedListeners<[string]>();
    const report = vi.fn();
    const a = vi.fn();
    const off = keyed.add('a', a);
    const offThrow = keyed.add('b', () => {
      throw new Error('b failed');
    });
    keyed.emit('a', report, 'on', 'x');
    keyed.emit('b', report, 'on', 'y');
    keyed.emit('none', report, 'on', 'z');
    expect(a).toHaveBeenCalledWith('x');
    expect(report).toHaveBeenCalledWith(expect.any(Error), 'on', 'b');
    off();
    offThrow();
    expect(keyed.keyCount).toBe(0);
  });
});
