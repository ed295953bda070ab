import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { encounterView } from '../test/fixtures';
import { createGmActions } from './actions';
import type { Gm } from './gm';
import { selectGmView } from './optimistic';
import { StagingBar } from './StagingBar';
import { createGmStore } from './store';

function setup(undoSteps: number) {
  const store = createGmStore();
  store.dispatch({ type: 'snapshot', snapshot: encounterView({ version: 10 }) });
  const post = vi.fn(async (path: string) =>
    (path === 'api/gm/batch/' ? { success: true, version: 11, undo_steps: 1 } : { success: true, version: 12, undo_steps: 0 }) as never,
  );
  const get = vi.fn(async () => ({ steps: undoSteps }) as never);
  const actions = createGmActions(store, () => undefined, post, get);
  const gm: Gm = { store, actions, toLogin: () => undefined };
  render(<StagingBar gm={gm} />);
  return { store, actions, post, get };
}

describe('StagingBar', () => {
  it('stages a reveal, counts it, and SEND posts it as one batch', async () => {
    const { store, actions, post } = setup(0);
    fireEvent.click(screen.getByTestId('stage-toggle'));
    expect(screen.getByTestId('stage-toggle').getAttribute('aria-pressed')).toBe('true');
    await act(() => actions.run({ kind: 'room', room_id: 'medbay', visible: true }));
    expect(screen.getByTestId('staged-count').textContent).toBe('1 STAGED');
    expect(selectGmView(store.getState())!.encounter_room_visibility.medbay).toBe(true);
    expect(post).not.toHaveBeenCalled();
    expect((screen.getByTestId('stage-toggle') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('stage-send'));
    await waitFor(() => expect(screen.getByTestId('staged-count').textContent).toBe('0 STAGED'));
    expect(post).toHaveBeenCalledTimes(1);
    expect(post.mock.calls[0][0]).toBe('api/gm/batch/');
  });

  it('DISCARD drops the preview without a request', async () => {
    const { store, actions, post } = setup(0);
    fireEvent.click(screen.getByTestId('stage-toggle'));
    await act(() => actions.run({ kind: 'portrait', npc_id: 'vance', visible: true }));
    fireEvent.click(screen.getByTestId('stage-discard'));
    expect(store.getState().staging.staged).toHaveLength(0);
    expect(post).not.toHaveBeenCalled();
  });

  it('UNDO is off with nothing to undo, on when the server has steps, and Ctrl+Z undoes', async () => {
    const { post } = setup(2);
    const undo = screen.getByTestId('undo') as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled).toBe(false));
    expect(undo.textContent).toBe('UNDO (2)');
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(post).toHaveBeenCalledWith('api/gm/undo/', {}));
  });

  it("Ctrl+Z in a text field is the field's own undo", async () => {
    const { post } = setup(2);
    await waitFor(() => expect((screen.getByTestId('undo') as HTMLButtonElement).disabled).toBe(false));
    const input = document.createElement('input');
    document.body.appendChild(input);
    fireEvent.keyDown(input, { key: 'z', ctrlKey: true });
    expect(post).not.toHaveBeenCalled();
    input.remove();
  });
});
