import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InfoPanel } from './InfoPanel';

const model = { title: 'TAU CETI', rows: [{ label: 'POPULATION', value: '~185,000' }, { label: 'DESCRIPTION', value: '<b>Major</b> colony system' }] };

describe('info panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('types the content out (the rest is there, invisible), then is done; markup stays text', async () => {
    render(<InfoPanel model={model} />);
    const panel = screen.getByTestId('bridge-info');
    expect(panel.getAttribute('data-typed')).toBe('false');
    expect(panel.querySelector('.bridge-untyped')).toBeTruthy();
    expect(panel.textContent).toContain('POPULATION: ~185,000'); // all of it in the DOM at once
    await waitFor(() => expect(panel.getAttribute('data-typed')).toBe('true'));
    expect(panel.querySelector('.bridge-untyped')).toBeNull();
    expect(panel.querySelector('b')).toBeNull();
    expect(panel.textContent).toContain('<b>Major</b> colony system');
  });

  it('shows everything at once under prefers-reduced-motion', () => {
    vi.stubGlobal('matchMedia', (q: string) => ({ matches: q.includes('reduce'), media: q, addEventListener() {}, removeEventListener() {} }));
    render(<InfoPanel model={model} />);
    expect(screen.getByTestId('bridge-info').getAttribute('data-typed')).toBe('true');
  });

  it('restarts when the content changes', async () => {
    const { rerender } = render(<InfoPanel model={model} />);
    await waitFor(() => expect(screen.getByTestId('bridge-info').getAttribute('data-typed')).toBe('true'));
    rerender(<InfoPanel model={{ ...model, title: 'SOL' }} />);
    expect(screen.getByTestId('bridge-info').getAttribute('data-typed')).toBe('false');
  });
});
