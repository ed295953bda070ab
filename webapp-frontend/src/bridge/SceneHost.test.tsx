import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { starMapJson } from '../test/bridgeFixtures';
import { parseStarMap } from './adapters/maps';
import { galaxyLayout } from './layout';
import { SceneHost } from './SceneHost';
import type { SceneProps } from './sceneProps';

// The 3D chunk, replaced: jsdom has no WebGL. The double records its props and can fail.
const canvas = vi.hoisted(() => ({ props: null as SceneProps | null, fail: false, autoReady: true }));
vi.mock('./scene/BridgeCanvas', async () => {
  const { useEffect } = await import('react');
  return {
    default: (props: SceneProps) => {
      canvas.props = props;
      if (canvas.fail) throw new Error('Error creating WebGL context');
      useEffect(() => {
        if (canvas.autoReady) props.onReady(`${props.shownKey}|${props.selected ?? ''}`);
      });
      return <div data-testid="fake-canvas" />;
    },
  };
});

const star = parseStarMap(starMapJson());
const scene = {
  level: 'galaxy' as const,
  layouts: { galaxy: galaxyLayout(star), galaxyCamera: star.camera, system: null, orbit: null },
  selected: 'sol',
  shownKey: 'galaxy::',
  interactive: false,
  reducedMotion: false,
  zoomLimits: null,
  onSelect: () => {},
};
const probe = { mode: 'bridge' as const, tab: 'MAP' as const, explore: false, level: 'galaxy' as const, system: 'sol', body: null, station: null };

describe('scene host', () => {
  afterEach(() => {
    canvas.props = null;
    canvas.fail = false;
    canvas.autoReady = true;
  });

  it('loads the 3D chunk lazily with the level, layouts and selection, and reports ready', async () => {
    render(<SceneHost renderer="webgl" status="ready" scene={scene} probe={probe} />);
    expect(await screen.findByTestId('fake-canvas')).toBeTruthy();
    expect(canvas.props).toMatchObject({ level: 'galaxy', selected: 'sol', shownKey: 'galaxy::' });
    expect(canvas.props!.layouts.galaxy!.routes).toHaveLength(5);
    await waitFor(() => expect(screen.getByTestId('bridge-scene').getAttribute('data-ready')).toBe('true'));
    expect(window.__charonBridge).toMatchObject({ renderer: 'webgl', ready: true, system: 'sol' });
  });

  it('a canvas that cannot start falls back to the 2D diagram and says why', async () => {
    canvas.fail = true;
    const problems: string[] = [];
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React logs the caught error
    render(<SceneHost renderer="webgl" status="ready" scene={scene} probe={probe} onProblem={(m) => problems.push(m)} />);
    expect(await screen.findByTestId('bridge-2d')).toBeTruthy();
    expect(screen.getByTestId('bridge-scene').getAttribute('data-renderer')).toBe('2d');
    expect(problems[0]).toContain('Error creating WebGL context');
    await waitFor(() => expect(window.__charonBridge?.ready).toBe(true));
  });

  it('a new selection in the same map is ready only once a frame showing it is drawn, settled once the camera has flown', async () => {
    const { rerender } = render(<SceneHost renderer="webgl" status="ready" scene={scene} probe={probe} />);
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ system: 'sol', ready: true, settled: false }));
    canvas.autoReady = false;
    rerender(<SceneHost renderer="webgl" status="ready" scene={{ ...scene, selected: 'tau-ceti' }} probe={{ ...probe, system: 'tau-ceti' }} />);
    await waitFor(() => expect(window.__charonBridge).toMatchObject({ system: 'tau-ceti', ready: false, settled: false }));
    act(() => canvas.props!.onReady('galaxy::|tau-ceti'));
    // published by the frame's callback itself, before any re-render
    expect(window.__charonBridge).toMatchObject({ system: 'tau-ceti', ready: true, settled: false });
    act(() => canvas.props!.onSettled!('galaxy::|tau-ceti'));
    expect(window.__charonBridge).toMatchObject({ system: 'tau-ceti', ready: true, settled: true });
    expect(screen.getByTestId('bridge-scene').getAttribute('data-ready')).toBe('true');
  });

  it('a frame of the previous selection does not make the new one ready', async () => {
    const { rerender } = render(<SceneHost renderer="webgl" status="ready" scene={scene} probe={probe} />);
    await waitFor(() => expect(window.__charonBridge?.ready).toBe(true));
    canvas.autoReady = false;
    rerender(<SceneHost renderer="webgl" status="ready" scene={{ ...scene, selected: null }} probe={{ ...probe, system: null }} />);
    act(() => canvas.props!.onReady('galaxy::|sol'));
    expect(window.__charonBridge).toMatchObject({ system: null, ready: false });
  });

  it('the probe goes away with the scene', () => {
    const { unmount } = render(<SceneHost renderer="2d" status="ready" scene={scene} probe={probe} />);
    expect(window.__charonBridge).toBeTruthy();
    unmount();
    expect(window.__charonBridge).toBeUndefined();
  });
});
