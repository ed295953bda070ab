import { describe, expect, it } from 'vitest';
import { parseGmPersonnel } from './gmPersonnel';
import { parsePersonnel } from './personnel';

describe('personnel adapters', () => {
  it('reads the crew sheet flat (as BridgeJson writes it) or nested under details, with defaults', () => {
    const p = parsePersonnel({
      crew: [
        {
          id: 'rook_adeyemi',
          name: 'Rook Adeyemi',
          role: 'Pilot',
          portrait: 'campaign-files/images/crew/rook.png',
          callsign: 'Rook',
          class: 'Teamster',
          stats: { strength: 6, speed: 8, intellect: 5, combat: 5 },
          saves: { sanity: 38, fear: 42, body: 40 },
          health: { current: 11, max: 11 },
          stress: 2,
          status: 'ACTIVE',
        },
        { id: 'sable', name: 'Sable', portrait_url: 'p.png', details: { class: 'Scientist', health: { current: '8', max: 8 } } },
        { name: 'No Id Given' },
        { role: 'nameless' },
        'junk',
      ],
      npcs: [{ id: 'sexton', name: 'SEXTON', faction: 'Tethys Relay Authority', portrait: '/p/sexton.png' }],
    });
    expect(p.crew.map((c) => c.id)).toEqual(['rook_adeyemi', 'sable', 'No Id Given']);
    expect(p.crew[0]).toMatchObject({ callsign: 'Rook', className: 'Teamster', health: { current: 11, max: 11 }, stress: 2 });
    expect(p.crew[0].stats.map((s) => `${s.label}${s.value}`)).toEqual(['STR6', 'SPD8', 'INT5', 'CMB5']);
    expect(p.crew[0].saves.map((s) => s.label)).toEqual(['SAN', 'FEAR', 'BODY']);
    expect(p.crew[1]).toMatchObject({ className: 'Scientist', portrait: 'p.png', status: 'UNKNOWN', health: { current: 8, max: 8 }, stats: [] });
    expect(p.npcs).toEqual([
      { id: 'sexton', name: 'SEXTON', role: '', faction: 'Tethys Relay Authority', location: '', status: 'UNKNOWN', description: '', notes: '', portrait: '/p/sexton.png' },
    ]);
  });

  it('shows only the NPCs the server returned (nothing is filtered in or out on the client)', () => {
    expect(parsePersonnel({ crew: [], npcs: [] }).npcs).toEqual([]);
    expect(parsePersonnel({ known_npcs: [{ id: 'a' }] }).npcs.map((n) => n.id)).toEqual(['a']);
    expect(parsePersonnel('nope')).toEqual({ crew: [], npcs: [] });
  });

  it('GM: every NPC with known only when the server says true', () => {
    const g = parseGmPersonnel({ crew: [{ id: 'c' }], npcs: [{ id: 'a', known: true }, { id: 'b', known: 'yes' }, { id: 'c' }] });
    expect(g.npcs.map((n) => [n.id, n.known])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
    ]);
    expect(g.crew).toHaveLength(1);
  });
});
