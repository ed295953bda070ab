import { describe, expect, it } from 'vitest';
import { HOTKEYS, hotkeyOf, isTyping, nextDoorStatus, selectionOf } from './hotkeys';
import { VIEW_BUTTONS } from './ViewControls';

describe('GM hotkeys', () => {
  it('digits switch to the views in the order of the view buttons', () => {
    VIEW_BUTTONS.forEach((b, i) => expect(hotkeyOf({ key: String(i + 1) })).toEqual({ kind: 'view', viewType: b.type }));
    expect(hotkeyOf({ key: String(VIEW_BUTTONS.length + 1) })).toBeNull();
    expect(hotkeyOf({ key: '0' })).toBeNull();
  });

  it('letters act on the selection, either case; ? and Esc', () => {
    expect(hotkeyOf({ key: 'r' })).toEqual({ kind: 'reveal-room' });
    expect(hotkeyOf({ key: 'R' })).toEqual({ kind: 'reveal-room' });
    expect(hotkeyOf({ key: 'd' })).toEqual({ kind: 'cycle-door' });
    expect(hotkeyOf({ key: 'Delete' })).toEqual({ kind: 'remove-token' });
    expect(hotkeyOf({ key: 'Escape' })).toEqual({ kind: 'clear-selection' });
    expect(hotkeyOf({ key: '?' })).toEqual({ kind: 'help' });
    expect(hotkeyOf({ key: 'f' })).toEqual({ kind: 'projector' });
    expect(hotkeyOf({ key: 'l' })).toEqual({ kind: 'legend' });
    expect(hotkeyOf({ key: 'x' })).toBeNull();
  });

  it('never with Ctrl, Cmd or Alt (Ctrl+Z belongs to undo), never while typing in a field', () => {
    expect(hotkeyOf({ key: 'z', ctrlKey: true })).toBeNull();
    expect(hotkeyOf({ key: 'r', metaKey: true })).toBeNull();
    expect(hotkeyOf({ key: '1', altKey: true })).toBeNull();
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const box = document.createElement('input');
    box.type = 'checkbox';
    const select = document.createElement('select');
    for (const field of [input, area, select]) {
      expect(isTyping(field)).toBe(true);
      expect(hotkeyOf({ key: 'r', target: field })).toBeNull();
      expect(hotkeyOf({ key: '1', target: field })).toBeNull();
      expect(hotkeyOf({ key: 'Delete', target: field })).toBeNull();
    }
    expect(hotkeyOf({ key: 'r', target: box })).toEqual({ kind: 'reveal-room' });
    expect(hotkeyOf({ key: 'r', target: document.body })).toEqual({ kind: 'reveal-room' });
  });

  it('D cycles through the five door states', () => {
    expect(nextDoorStatus('OPEN')).toBe('CLOSED');
    expect(nextDoorStatus('DAMAGED')).toBe('OPEN');
    expect(nextDoorStatus('weird')).toBe('OPEN');
  });

  it('the overlay lists every key the handler knows', () => {
    const keys = HOTKEYS.map((h) => h.keys);
    for (const k of keys) {
      const key = k === 'Esc' ? 'Escape' : k;
      expect(hotkeyOf({ key }), k).not.toBeNull();
    }
    expect(keys).toEqual(expect.arrayContaining(['1', 'R', 'D', 'Delete', 'Esc', '?']));
  });

  it('a focused GM token wrapper, a door or a room is the selection', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.innerHTML =
      '<g data-room-id="bridge"><rect/></g><g class="door" data-door-id="c1"><rect/></g>' +
      '<g class="gm-token"><g data-token-id="t1"><circle/></g></g>';
    expect(selectionOf(svg.querySelector('[data-room-id] rect'))).toEqual({ kind: 'room', id: 'bridge' });
    expect(selectionOf(svg.querySelector('.door rect'))).toEqual({ kind: 'door', id: 'c1' });
    expect(selectionOf(svg.querySelector('.gm-token'))).toEqual({ kind: 'token', id: 't1' });
    expect(selectionOf(svg)).toBeNull();
  });
});
