import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BroadcastFeed } from './BroadcastFeed';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('broadcast feed on the shared terminal', () => {
  beforeEach(() => vi.stubGlobal('fetch', vi.fn(async () => json({
    messages: [
      { id: 2, sender: 'CHARON', content: '<b>hull</b> breach', priority: 'CRITICAL', created_at: '2183-07-01T08:00:00Z' },
      { id: 1, sender: 'CHARON', content: 'all quiet', priority: 'LOW', created_at: '2183-07-01T07:00:00Z' },
    ],
  }))));
  afterEach(() => vi.unstubAllGlobals());

  it('shows broadcasts newest first, as text', async () => {
    const { container } = render(<BroadcastFeed />);
    await screen.findByText('<b>hull</b> breach');
    const ids = [...container.querySelectorAll('[data-message-id]')].map((e) => e.getAttribute('data-message-id'));
    expect(ids).toEqual(['2', '1']);
    expect(container.querySelector('.message-content b')).toBeNull();
  });
});
