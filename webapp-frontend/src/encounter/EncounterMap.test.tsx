import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { morriganMap } from '../test/fixtures';
import type { DeckMap } from '../state/types';
import { EncounterMap } from './EncounterMap';

function deck(extra: Partial<DeckMap> = {}): DeckMap {
  return { ...morriganMap().current_deck, ...extra };
}

describe('EncounterMap', () => {
  it('player map: a door whose other end is hidden ("") is drawn at the wall position the server gives', () => {
    const d = deck({
      rooms: [morriganMap().current_deck.rooms[0]],
      connections: [
        { id: 'c1', from: 'bridge', to: '', door_type: 'standard', from_door: { x: 5, y: 2.5, side: 'right' } },
        { id: 'c9', from: '', to: 'bridge', door_type: 'airlock', to_door: { x: 3, y: 1, side: 'top' } },
        { id: 'c8', from: 'bridge', to: '', door_type: 'standard' }, // no position, no neighbour: not drawn
      ],
    });
    const { container } = render(<EncounterMap deck={d} visibility={{ bridge: true }} doorStatus={{}} tokens={[]} />);
    const c1 = container.querySelector('[data-door-id="c1"]')!;
    expect(c1.getAttribute('transform')).toBe('translate(200 100) rotate(90)');
    expect(container.querySelector('[data-door-id="c9"]')!.getAttribute('transform')).toBe('translate(120 40) rotate(0)');
    expect(container.querySelector('[data-door-id="c8"]')).toBeNull();
    expect(container.querySelectorAll('.map-path')).toHaveLength(0);
    // read-only: no GM test ids, no buttons
    expect(container.querySelector('[data-testid^="room-"]')).toBeNull();
    expect(c1.getAttribute('tabindex')).toBeNull();
  });

  it('GM map: rooms and doors are buttons with test ids; clicks report what was hit', () => {
    const onHit = vi.fn();
    const { getByTestId } = render(
      <EncounterMap deck={deck()} visibility={{ bridge: true }} doorStatus={{}} tokens={[]} showHidden interaction={{ onHit }} />,
    );
    expect(getByTestId('room-corridor').getAttribute('data-revealed')).toBe('false');
    getByTestId('door-c1').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onHit.mock.calls[0][0]).toMatchObject({ doorId: 'c1' });
    getByTestId('room-corridor').querySelector('rect')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onHit.mock.calls[1][0]).toMatchObject({ roomId: 'corridor', doorId: null });
  });
});
