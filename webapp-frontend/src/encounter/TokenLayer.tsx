import { memo, useState, type CSSProperties } from 'react';
import { thumbnailUrl } from '../api/http';
import type { Token } from '../state/types';
import { cellCenter, TOKEN_RADIUS_RATIO } from './geometry';

/**
 * Tokens on the deck map. One memoised <TokenMarker> per token: thanks to structural
 * sharing in the store, a token that did not change keeps its object, so a move
 * re-renders only the token that moved.
 */

/**
 * Statuses drawn on a token as compact markers (colour + shape, explained in the legend), in
 * display order; the words are in the token's detail (MapDetail). Text below each token
 * overlapped its neighbours in a crowded room (30 tokens in one room).
 */
export const STATUS_LABELS: Record<string, string> = {
  wounded: 'WOUNDED',
  dead: 'DEAD',
  panicked: 'PANICKED',
  stunned: 'STUNNED',
};

/** The marker's look in one word each, for the legend and accessible names. */
export const STATUS_MARKS: Record<string, string> = {
  wounded: 'red dot, top right',
  dead: 'red cross',
  panicked: 'dashed amber ring',
  stunned: 'half-filled dot, top left',
};

const KNOWN_TYPES = new Set(['player', 'npc', 'creature', 'object']);

export function tokenTypeClass(type: string): string {
  const t = String(type).toLowerCase();
  return `token-type-${KNOWN_TYPES.has(t) ? t : 'object'}`;
}

export interface TokenLayerProps {
  tokens: readonly Token[];
  unit: number;
  /** called once per token whose image fails to load */
  onImageError?: (token: Token) => void;
  /** the token whose turn it is (turn order), ringed */
  currentTokenId?: string | null;
}

export function TokenLayer({ tokens, unit, onImageError, currentTokenId = null }: TokenLayerProps) {
  return (
    <g className="token-layer">
      {tokens.map((t) => (
        <TokenMarker key={t.id} token={t} unit={unit} onImageError={onImageError} current={t.id === currentTokenId} />
      ))}
    </g>
  );
}

interface TokenMarkerProps {
  token: Token;
  unit: number;
  onImageError?: (token: Token) => void;
  /** its turn in the turn order: a ring around it */
  current?: boolean;
}

export const TokenMarker = memo(function TokenMarker({ token, unit, onImageError, current = false }: TokenMarkerProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const r = unit * TOKEN_RADIUS_RATIO;
  const c = cellCenter(token.x, token.y, unit);
  const statuses = new Set(token.status.map((s) => String(s).toLowerCase()));
  const image = token.image_url && failedUrl !== token.image_url ? thumbnailUrl(token.image_url, 128) : '';
  const clipId = `token-clip-${cssId(token.id)}`;
  const initial = (token.name.trim()[0] ?? '?').toUpperCase();
  const classes = ['token', tokenTypeClass(token.type)];
  if (statuses.has('hidden')) classes.push('token-hidden');
  if (statuses.has('dead')) classes.push('token-dead');
  if (current) classes.push('token-turn');

  return (
    <g
      className={classes.join(' ')}
      data-token-id={token.id}
      data-x={token.x}
      data-y={token.y}
      data-status={token.status.join(' ')}
      data-detail="token"
      data-turn={current ? 'current' : undefined}
      transform={`translate(${c.x} ${c.y})`}
      style={{ '--token-r': `${r}px` } as CSSProperties}
    >
      <circle className="token-glow" r={r + 4} />
      {current && <circle className="token-turn-ring" r={r + 10} />}
      {statuses.has('panicked') && <circle className="token-panic-ring" data-status-marker="panicked" r={r + 6} />}
      {image ? (
        <>
          <clipPath id={clipId}>
            <circle r={r} />
          </clipPath>
          <circle className="token-body" r={r} />
          <image
            href={image}
            x={-r}
            y={-r}
            width={r * 2}
            height={r * 2}
            preserveAspectRatio="xMidYMid slice"
            clipPath={`url(#${clipId})`}
            onError={() => {
              setFailedUrl(token.image_url);
              onImageError?.(token);
            }}
          />
          <circle className="token-ring" r={r} />
        </>
      ) : (
        <>
          <circle className="token-body" r={r} />
          <text className="token-initial" dy="0.35em">
            {initial}
          </text>
        </>
      )}
      <StatusMarks statuses={statuses} r={r} />
    </g>
  );
});

/** The status markers of a token of radius r (also drawn, alone, in the legend and the detail). */
export function StatusMarks({ statuses, r }: { statuses: ReadonlySet<string>; r: number }) {
  return (
    <>
      {statuses.has('wounded') && (
        <circle className="token-wound-dot" data-status-marker="wounded" cx={r * 0.75} cy={-r * 0.75} r={r * 0.3} />
      )}
      {statuses.has('stunned') && (
        <g className="token-stun-mark" data-status-marker="stunned" transform={`translate(${-r * 0.75} ${-r * 0.75})`}>
          <circle className="token-stun-dot" r={r * 0.3} />
          <path className="token-stun-half" d={`M 0 ${-r * 0.3} A ${r * 0.3} ${r * 0.3} 0 0 0 0 ${r * 0.3} Z`} />
        </g>
      )}
      {statuses.has('dead') && (
        <g className="token-dead-x" data-status-marker="dead">
          <line x1={-r * 0.8} y1={-r * 0.8} x2={r * 0.8} y2={r * 0.8} />
          <line x1={r * 0.8} y1={-r * 0.8} x2={-r * 0.8} y2={r * 0.8} />
        </g>
      )}
    </>
  );
}

function cssId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}
