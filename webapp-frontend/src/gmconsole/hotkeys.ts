/**
 * The GM console's keyboard shortcuts as data and pure functions: one table the `?` overlay
 * lists and the handlers read, so the overlay can never disagree with the keys. A key typed into
 * a text field, or pressed with Ctrl, Cmd or Alt (the browser's and the staging tools' own, e.g.
 * Ctrl+Z), is never a hotkey.
 */
import { LEGEND_DOORS as DOOR_STATUSES } from '../encounter/MapLegend';
import { VIEW_BUTTONS } from './ViewControls';

export type HotkeyAction =
  | { kind: 'view'; viewType: string }
  | { kind: 'reveal-room' }
  | { kind: 'cycle-door' }
  | { kind: 'remove-token' }
  | { kind: 'clear-selection' }
  | { kind: 'projector' }
  | { kind: 'legend' }
  | { kind: 'help' };

/** What the overlay shows, in order. */
export const HOTKEYS: ReadonlyArray<{ keys: string; what: string }> = [
  ...VIEW_BUTTONS.map((b, i) => ({ keys: String(i + 1), what: `Switch the terminal to ${b.label}` })),
  { keys: 'R', what: 'Reveal or hide the selected room' },
  { keys: 'D', what: 'Next state of the selected door (OPEN → CLOSED → LOCKED → SEALED → DAMAGED)' },
  { keys: 'Delete', what: 'Remove the selected token' },
  { keys: 'Esc', what: 'Clear the selection, close a popup' },
  { keys: 'F', what: 'Follow me: every terminal shows your map view' },
  { keys: 'L', what: 'Show or hide the legend on the terminal' },
  { keys: '?', what: 'Show or hide this list' },
];

/** Whether the key goes to a text field (or a select, or editable content) rather than the console. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.isContentEditable) return true;
  const field = el.closest('input, textarea, select, [contenteditable="true"]');
  if (!field) return false;
  // checkboxes, radios and buttons take no text: their keys are still hotkeys
  const type = field instanceof HTMLInputElement ? field.type : '';
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

export function hotkeyOf(e: KeyLike): HotkeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target ?? null)) return null;
  const n = Number(e.key);
  if (/^[1-9]$/.test(e.key) && n <= VIEW_BUTTONS.length) return { kind: 'view', viewType: VIEW_BUTTONS[n - 1].type };
  switch (e.key) {
    case 'r':
    case 'R':
      return { kind: 'reveal-room' };
    case 'd':
    case 'D':
      return { kind: 'cycle-door' };
    case 'Delete':
      return { kind: 'remove-token' };
    case 'Escape':
      return { kind: 'clear-selection' };
    case 'f':
    case 'F':
      return { kind: 'projector' };
    case 'l':
    case 'L':
      return { kind: 'legend' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}

/** The door state after `current` in the D cycle. */
export function nextDoorStatus(current: string): (typeof DOOR_STATUSES)[number] {
  const i = DOOR_STATUSES.indexOf(current as (typeof DOOR_STATUSES)[number]);
  return DOOR_STATUSES[(i + 1) % DOOR_STATUSES.length];
}

/** What the encounter map has selected for R, D and Delete. */
export type MapSelection = { kind: 'room' | 'door' | 'token'; id: string } | null;

/** The selectable piece an element belongs to (a focused or clicked room, door or token). */
export function selectionOf(el: Element | null): MapSelection {
  const token = el?.closest?.('[data-token-id]');
  if (token) return { kind: 'token', id: token.getAttribute('data-token-id')! };
  const wrapper = el?.querySelector?.(':scope > [data-token-id]');
  if (wrapper) return { kind: 'token', id: wrapper.getAttribute('data-token-id')! };
  const door = el?.closest?.('[data-door-id]');
  if (door) return { kind: 'door', id: door.getAttribute('data-door-id')! };
  const room = el?.closest?.('[data-room-id]');
  if (room) return { kind: 'room', id: room.getAttribute('data-room-id')! };
  return null;
}
