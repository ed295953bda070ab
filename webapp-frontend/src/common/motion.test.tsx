import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NpcData } from '../state/types';
import { PortraitOverlay } from '../terminal/PortraitOverlay';
import { motionOff, prefersReducedMotion } from './motion';
import { Typewriter } from './Typewriter';

function reducedMotion(reduce: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((q: string) => ({
      matches: reduce && q.includes('prefers-reduced-motion: reduce'),
      media: q,
      addEventListener() {},
      removeEventListener() {},
    })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.documentElement.dataset.perf = '0';
});

describe('motion setting', () => {
  it('reads prefers-reduced-motion: reduce from the system', () => {
    reducedMotion(true);
    expect(prefersReducedMotion()).toBe(true);
    expect(motionOff()).toBe(true);
    reducedMotion(false);
    expect(prefersReducedMotion()).toBe(false);
    expect(motionOff()).toBe(false);
  });

  it('performance mode turns motion off too', () => {
    reducedMotion(false);
    document.documentElement.dataset.perf = '1';
    expect(motionOff()).toBe(true);
  });

  it('an engine without matchMedia, or one that throws, keeps the motion', () => {
    expect(prefersReducedMotion({} as Window)).toBe(false);
    expect(prefersReducedMotion({ matchMedia: () => { throw new Error('no'); } } as unknown as Window)).toBe(false);
  });
});

describe('Typewriter', () => {
  it('types by a CSS animation when motion is allowed', () => {
    reducedMotion(false);
    const { container } = render(<Typewriter text="DECK C" msPerChar={50} />);
    const tw = container.querySelector<HTMLElement>('.typewriter')!;
    expect(tw.style.getPropertyValue('--tw-chars')).toBe('6');
    expect(tw.classList.contains('typewriter-instant')).toBe(false);
  });

  it('shows the whole text at once under prefers-reduced-motion: reduce', () => {
    reducedMotion(true);
    const { container } = render(<Typewriter text="DECK C" msPerChar={50} delayMs={1000} />);
    const tw = container.querySelector<HTMLElement>('.typewriter')!;
    expect(tw.classList.contains('typewriter-instant')).toBe(true);
    expect(tw.style.getPropertyValue('--tw-chars')).toBe('');
    expect(tw.style.getPropertyValue('--tw-delay')).toBe('');
    expect(tw.textContent).toBe('DECK C');
  });
});

describe('portraits under reduced motion', () => {
  const npcs: Record<string, NpcData> = {
    lucia: { id: 'lucia', name: 'Dr. Lucia Vance', portrait: '' },
    ewan: { id: 'ewan', name: 'Ewan McGregor', portrait: '' },
  };

  it('a dismissed portrait goes at once: no exit animation will end to remove it', () => {
    reducedMotion(true);
    const { container, rerender } = render(<PortraitOverlay portraits={[npcs.lucia, npcs.ewan]} />);
    rerender(<PortraitOverlay portraits={[npcs.ewan]} />);
    const ids = [...container.querySelectorAll('[data-npc-id]')].map((c) => c.getAttribute('data-npc-id'));
    expect(ids).toEqual(['ewan']);
    rerender(<PortraitOverlay portraits={[]} />);
    expect(container.querySelector('[data-testid=portrait-overlay]')).toBeNull();
  });

  it('with motion a dismissed portrait stays for its exit animation', () => {
    reducedMotion(false);
    const { container, rerender } = render(<PortraitOverlay portraits={[npcs.lucia, npcs.ewan]} />);
    rerender(<PortraitOverlay portraits={[npcs.ewan]} />);
    expect(container.querySelector('[data-npc-id="lucia"]')!.getAttribute('data-leaving')).toBe('true');
  });
});
