import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Notices, NOTICE_STILL_MS } from './Notices';
import { createGmStore } from './store';

function reducedMotion(reduce: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((q: string) => ({ matches: reduce && q.includes('prefers-reduced-motion: reduce'), media: q })),
  );
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('GM notices', () => {
  it('with motion off, leave after as long as the fade would have taken (errors longer)', () => {
    vi.useFakeTimers();
    reducedMotion(true);
    const store = createGmStore();
    render(<Notices store={store} />);
    act(() => {
      store.dispatch({ type: 'notice', kind: 'ok', text: 'Door sealed' });
      store.dispatch({ type: 'notice', kind: 'error', text: 'Unknown room' });
    });
    expect(screen.getAllByRole('status')).toHaveLength(1);
    act(() => vi.advanceTimersByTime(NOTICE_STILL_MS.ok + 1));
    expect(screen.queryByText('Door sealed')).toBeNull();
    expect(screen.getByText('Unknown room')).toBeTruthy();
    act(() => vi.advanceTimersByTime(NOTICE_STILL_MS.error));
    expect(screen.queryByText('Unknown room')).toBeNull();
  });

  it('with motion on, the fade removes them, not a timer', () => {
    vi.useFakeTimers();
    reducedMotion(false);
    const store = createGmStore();
    render(<Notices store={store} />);
    act(() => store.dispatch({ type: 'notice', kind: 'ok', text: 'Door sealed' }));
    act(() => vi.advanceTimersByTime(NOTICE_STILL_MS.error * 2));
    expect(screen.getByText('Door sealed')).toBeTruthy();
  });
});
