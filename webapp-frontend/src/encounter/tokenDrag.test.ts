import { describe, expect, it, vi } from 'vitest';
import type { PointerEvent } from 'react';
import type { Token } from '../state/types';
import { token } from '../test/fixtures';
import { DRAG_THRESHOLD_PX, tokenDragHandlers, type Ghost, type TokenDragSource } from './tokenDrag';

function pointer(clientX: number, clientY: number, pointerId = 1): PointerEvent<SVGGElement> {
  return {
    button: 0,
    pointerId,
    clientX,
    clientY,
    stopPropagation() {},
    currentTarget: { setPointerCapture() {} },
  } as unknown as PointerEvent<SVGGElement>;
}

function setup(canStart = true) {
  let ghost: Ghost = null;
  const source: TokenDragSource = {
    // one cell per 10 px
    toCell: (x, y) => ({ x: Math.floor(x / 10), y: Math.floor(y / 10) }),
    canStart: () => canStart,
    onDrop: vi.fn(),
    onTap: vi.fn(),
  };
  const h = tokenDragHandlers(() => source, () => ghost, (f) => (ghost = f(ghost)));
  return { h, source, ghost: () => ghost };
}

describe('token drag', () => {
  const t: Token = token('t1', { x: 0, y: 0 });

  it('a press that moves less than the threshold is a tap, not a move', () => {
    const { h, source } = setup();
    h.down(pointer(5, 5), t);
    h.move(pointer(5 + DRAG_THRESHOLD_PX - 1, 5));
    h.up(pointer(5 + DRAG_THRESHOLD_PX - 1, 5), t);
    expect(source.onTap).toHaveBeenCalledTimes(1);
    expect(source.onDrop).not.toHaveBeenCalled();
  });

  it('a drag shows a ghost at the cell under the pointer and drops onto another cell', () => {
    const { h, source, ghost } = setup();
    h.down(pointer(5, 5), t);
    h.move(pointer(25, 5));
    expect(ghost()).toEqual({ id: 't1', cell: { x: 2, y: 0 } });
    h.up(pointer(35, 5), t);
    expect(source.onDrop).toHaveBeenCalledWith(t, { x: 3, y: 0 });
    expect(ghost()).toBeNull();
  });

  it('a drag back onto its own cell, another pointer, a cancel or a refused start moves nothing', () => {
    const { h, source, ghost } = setup();
    h.down(pointer(5, 5), t);
    h.move(pointer(25, 5));
    h.up(pointer(5, 5, 2), t); // another finger lifting
    h.up(pointer(5, 5), t); // back home
    h.down(pointer(5, 5), t);
    h.move(pointer(45, 5));
    h.cancel();
    expect(ghost()).toBeNull();
    h.up(pointer(45, 5), t); // after the cancel: nothing in progress
    expect(source.onDrop).not.toHaveBeenCalled();
    const refused = setup(false);
    refused.h.down(pointer(5, 5), t);
    refused.h.move(pointer(45, 5));
    refused.h.up(pointer(45, 5), t);
    expect(refused.source.onDrop).not.toHaveBeenCalled();
    expect(refused.source.onTap).not.toHaveBeenCalled();
  });
});
