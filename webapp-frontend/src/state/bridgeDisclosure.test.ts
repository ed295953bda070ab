import { describe, expect, it } from 'vitest';
import { bridgeDisclosureReducer, initialBridgeDisclosure } from './bridgeDisclosure';

describe('bridge disclosure events', () => {
  it('a snapshot sets both lists, marks ready and bumps the revision', () => {
    const s = bridgeDisclosureReducer(initialBridgeDisclosure(), {
      type: 'snapshot',
      known_npcs: ['sexton', 7, 'mira_salk'],
      visible_logs: ['session-001.md'],
    });
    expect(s).toEqual({ ready: true, knownNpcs: ['sexton', 'mira_salk'], visibleLogs: ['session-001.md'], revision: 1 });
  });

  it('every disclosure bumps the revision (records may change without the lists), unchanged lists keep identity', () => {
    const a = bridgeDisclosureReducer(initialBridgeDisclosure(), { type: 'snapshot', known_npcs: ['x'], visible_logs: [] });
    const b = bridgeDisclosureReducer(a, { type: 'disclosure', known_npcs: ['x'], visible_logs: [] });
    expect(b.revision).toBe(2);
    expect(b.knownNpcs).toBe(a.knownNpcs);
    const c = bridgeDisclosureReducer(b, { type: 'disclosure' });
    expect(c.revision).toBe(3);
    expect(c.knownNpcs).toEqual(['x']); // a disclosure without lists keeps them
  });

  it('ignores what is not a bridge event', () => {
    const s = initialBridgeDisclosure();
    expect(bridgeDisclosureReducer(s, null)).toBe(s);
    expect(bridgeDisclosureReducer(s, ['snapshot'])).toBe(s);
    expect(bridgeDisclosureReducer(s, { type: 'other' })).toBe(s);
  });
});
