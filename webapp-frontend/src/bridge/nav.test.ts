import { describe, expect, it } from 'vitest';
import type { BridgeMapNav } from '../state/types';
import { back, enterOrbit, navBody, resolveNav, selectStation, selectSystem } from './nav';

const cur: BridgeMapNav = { level: 'orbit', system: 'sol', body: 'earth', station: 'luna' };

describe('navigation requests', () => {
  it('sends only the fields given, a cleared selection as ""', () => {
    expect(navBody({ tab: 'LOGS' })).toEqual({ tab: 'LOGS' });
    expect(navBody(selectSystem(null))).toEqual({ level: 'galaxy', system: '', body: '', station: '' });
    expect(navBody(enterOrbit('sol', 'earth'))).toEqual({ level: 'orbit', system: 'sol', body: 'earth', station: '' });
  });

  it('resolves like the server: a new system clears body and station; the galaxy has neither; the system level no station', () => {
    expect(resolveNav(cur, { system: 'tau-ceti' })).toEqual({ level: 'orbit', system: 'tau-ceti', body: null, station: null });
    expect(resolveNav(cur, { body: 'saturn' })).toEqual({ level: 'orbit', system: 'sol', body: 'saturn', station: null });
    expect(resolveNav(cur, { level: 'system' })).toEqual({ level: 'system', system: 'sol', body: 'earth', station: null });
    expect(resolveNav(cur, { level: 'galaxy' })).toEqual({ level: 'galaxy', system: 'sol', body: null, station: null });
    expect(resolveNav(cur, { tab: 'MAP' })).toEqual(cur); // a tab change keeps the map as it is
    expect(resolveNav(cur, selectStation('sol', 'earth', null)).station).toBeNull();
  });

  it('back goes up one level keeping what was shown selected', () => {
    expect(back(cur)).toEqual({ level: 'system', system: 'sol', body: 'earth', station: null });
    expect(back({ level: 'system', system: 'sol', body: 'earth', station: null })).toEqual({ level: 'galaxy', system: 'sol', body: null, station: null });
    expect(back({ level: 'galaxy', system: 'sol', body: null, station: null })).toBeNull();
  });
});
