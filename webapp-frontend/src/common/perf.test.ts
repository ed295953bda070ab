import { describe, expect, it } from 'vitest';
import { resolvePerfMode } from './perf';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('performance mode', () => {
  it('?perf=1 turns it on and is remembered; ?perf=0 turns it off', () => {
    const s = memoryStorage();
    expect(resolvePerfMode('', s)).toBe(false);
    expect(resolvePerfMode('?perf=1', s)).toBe(true);
    expect(resolvePerfMode('', s)).toBe(true);
    expect(resolvePerfMode('?perf=0', s)).toBe(false);
    expect(resolvePerfMode('', s)).toBe(false);
  });
  it('works without storage', () => {
    expect(resolvePerfMode('?perf=1', null)).toBe(true);
  });
});
