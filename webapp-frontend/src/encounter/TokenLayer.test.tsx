import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { token } from '../test/fixtures';

const thumbnailUrl = vi.hoisted(() => vi.fn((p: string) => `http://test/${p}`));
vi.mock('../api/http', async (importOriginal) => ({ ...(await importOriginal<object>()), thumbnailUrl }));

import { TokenLayer } from './TokenLayer';

describe('TokenLayer', () => {
  it('re-renders only the token that changed', () => {
    const t1 = token('t1', { image_url: 'img/1.png' });
    const t2 = token('t2', { image_url: 'img/2.png', x: 5 });
    const onImageError = () => {};
    const { container, rerender } = render(
      <svg>
        <TokenLayer tokens={[t1, t2]} unit={40} onImageError={onImageError} />
      </svg>,
    );
    expect(thumbnailUrl).toHaveBeenCalledTimes(2); // one call per token render
    rerender(
      <svg>
        <TokenLayer tokens={[{ ...t1, x: 9 }, t2]} unit={40} onImageError={onImageError} />
      </svg>,
    );
    expect(thumbnailUrl).toHaveBeenCalledTimes(3);
    expect(thumbnailUrl.mock.calls[2][0]).toBe('img/1.png');
    expect(container.querySelector('[data-token-id="t1"]')!.getAttribute('data-x')).toBe('9');
  });

  it('type colours by class; initial letter without image; statuses as markers, not words', () => {
    const { container } = render(
      <svg>
        <TokenLayer
          tokens={[token('n', { type: 'npc', name: 'vance', status: ['wounded', 'hidden'] }), token('q', { type: 'weird' })]}
          unit={40}
        />
      </svg>,
    );
    const n = container.querySelector('[data-token-id="n"]')!;
    expect(n.getAttribute('class')).toContain('token-type-npc');
    expect(n.getAttribute('class')).toContain('token-hidden');
    expect(n.querySelector('.token-initial')!.textContent).toBe('V');
    // a marker on the token, no words below it (they overlapped in a crowded room)
    expect(n.querySelector('[data-status-marker="wounded"]')).toBeTruthy();
    expect(n.textContent).toBe('V');
    expect(container.querySelector('[data-token-id="q"]')!.getAttribute('class')).toContain('token-type-object');
  });
});
