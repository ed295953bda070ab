import { act, render, screen, waitFor } from '@testing-library/react';
import { expect, vi } from 'vitest';
import type { Poster } from '../gmconsole/actions';
import { GmConsoleApp } from '../gmconsole/GmConsoleApp';
import { createGmStore } from '../gmconsole/store';
import type { ActiveView } from '../state/types';
import { FakeEventSource } from './FakeEventSource';

/**
 * The whole GM console rendered with a fake event stream and the test's `post`, connected and
 * showing `view`: the set-up of every console test.
 */
export async function renderGmConsole(view: ActiveView, post: Poster) {
  const store = createGmStore();
  const navigate = vi.fn();
  const utils = render(<GmConsoleApp store={store} EventSourceImpl={FakeEventSource} navigate={navigate} post={post} />);
  await screen.findByTestId('gm-console');
  await waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));
  const es = FakeEventSource.latest();
  act(() => {
    es.open();
    es.emit('activeview', view);
  });
  return { store, navigate, es, ...utils };
}
