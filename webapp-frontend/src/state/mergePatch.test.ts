import { describe, expect, it } from 'vitest';
import { applyMergePatch, isPatchFrame } from './mergePatch';

describe('applyMergePatch (RFC 7386)', () => {
  // the test cases of RFC 7386, appendix A
  const rfc: Array<[unknown, unknown, unknown]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(rfc)('%j + %j = %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('never mutates the target or the patch', () => {
    const target = { a: { b: 1, c: [1, 2] }, d: 'x' };
    const patch = { a: { b: 2, c: null }, e: { f: 1 } };
    const t = JSON.stringify(target);
    const p = JSON.stringify(patch);
    applyMergePatch(target, patch);
    expect(JSON.stringify(target)).toBe(t);
    expect(JSON.stringify(patch)).toBe(p);
  });

  it('a token move creates new objects only along the path to that token', () => {
    const a1 = { id: 'a1', x: 1, y: 1, status: [] };
    const b2 = { id: 'b2', x: 5, y: 5, status: ['wounded'] };
    const visibility = { bridge: true };
    const state = { version: 1, encounter_tokens: { a1, b2 }, encounter_room_visibility: visibility };
    const next = applyMergePatch(state, { encounter_tokens: { a1: { id: 'a1', x: 3, y: 1, status: [] } } });
    expect(next).not.toBe(state);
    expect(next.encounter_tokens).not.toBe(state.encounter_tokens);
    expect(next.encounter_tokens.a1).not.toBe(a1);
    expect(next.encounter_tokens.a1.x).toBe(3);
    expect(next.encounter_tokens.b2).toBe(b2);
    expect(next.encounter_room_visibility).toBe(visibility);
  });

  it('a removal (null) drops only that key; the others keep their identity', () => {
    const a1 = { id: 'a1' };
    const b2 = { id: 'b2' };
    const next = applyMergePatch({ t: { a1, b2 } }, { t: { a1: null } });
    expect(next).toEqual({ t: { b2 } });
    expect(next.t.b2).toBe(b2);
  });

  it('an empty patch, or one that changes nothing, returns the target itself', () => {
    const state = { a: { b: 1 }, c: 'x' };
    expect(applyMergePatch(state, {})).toBe(state);
    expect(applyMergePatch(state, { a: { b: 1 }, c: 'x', gone: null })).toBe(state);
  });

  it('recognises patch frames', () => {
    expect(isPatchFrame({ epoch: 'e', version: 2, base: 1, patch: {} })).toBe(true);
    expect(isPatchFrame({ epoch: 'e', version: 2, view_type: 'STANDBY' })).toBe(false);
    expect(isPatchFrame(null)).toBe(false);
  });
});
