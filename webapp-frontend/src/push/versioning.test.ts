import { describe, expect, it } from 'vitest';
import { classifyFrame } from './versioning';

const held = { epoch: 'e1', version: 5 };
const patch = (version: number, base: number, epoch = 'e1') => ({ epoch, version, base, patch: {} });

describe('classifyFrame', () => {
  it('snapshot frames: newer or another epoch are taken, others are stale', () => {
    expect(classifyFrame(null, { epoch: 'e1', version: 1 })).toBe('snapshot');
    expect(classifyFrame(held, { epoch: 'e1', version: 6 })).toBe('snapshot');
    expect(classifyFrame(held, { epoch: 'e1', version: 5 })).toBe('stale');
    expect(classifyFrame(held, { epoch: 'e1', version: 2 })).toBe('stale');
    expect(classifyFrame(held, { epoch: 'e2', version: 1 })).toBe('snapshot');
  });

  it('a patch on the held version is applied', () => {
    expect(classifyFrame(held, patch(6, 5))).toBe('patch');
  });

  it('a patch whose version is not greater is dropped', () => {
    expect(classifyFrame(held, patch(5, 4))).toBe('stale');
    expect(classifyFrame(held, patch(3, 2))).toBe('stale');
  });

  it('a gap, another epoch, nothing held or an unusable frame means resync', () => {
    expect(classifyFrame(held, patch(8, 7))).toBe('resync');
    expect(classifyFrame(held, patch(6, 5, 'e2'))).toBe('resync');
    expect(classifyFrame(null, patch(6, 5))).toBe('resync');
    expect(classifyFrame(held, { epoch: 'e1', version: 6, base: 5, patch: [1] })).toBe('resync');
    expect(classifyFrame(held, { epoch: 'e1', version: 6, patch: {} })).toBe('resync');
  });
});
