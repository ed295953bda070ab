import { memo, useState, type CSSProperties } from 'react';
import { thumbnailUrl } from '../api/http';
import type { Token } from '../state/types';
import { cellCenter, TOKEN_RADIUS_RATIO } from './geometry';

/**
 * Tokens on the deck map. One memoised <TokenMarker> per token: thanks to structural
 * sharing in the store, a token that did not change keeps its object, so a move
 * re-renders only the token that moved.
 */

/** Statuses shown as icons with a text label (ui.md §3.5), in display order. */
export const STATUS_LABELS: Record<string, string> = {
  wounded: 'WOUNDED',
  dead: 'DEAD',
  panicked: 'PANICKED',
  stunned: 'STUNNED',
};

const STATUS_GLYPHS: Record<string, string> = {
  wounded: '●',
  dead: '✕',
  panicked: '◌',
  stunned: '◐',
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
}

export function TokenLayer({ tokens, unit, onImageError }: TokenLayerProps) {
  return (
    <g className="token-layer">
      {tokens.map((t) => (
        <TokenMarker key={t.id} token={t} unit={unit} onImageError={onImageError} />
      ))}
    </g>
  );
}

interface TokenMarkerProps {
  token: Token;
  unit: number;
  onImageError?: (token: Token) => void;
}

export const TokenMarker = memo(function TokenMarker({ token, unit, onImageError }: TokenMarkerProps) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  const r = unit * TOKEN_RADIUS_RATIO;
  const c = cellCenter(token.x, token.y, unit);
  const statuses = new Set(token.status.map((s) => String(s).toLowerCase()));
  const labels = Object.keys(STATUS_LABELS).filter((s) => statuses.has(s));
  const image = token.image_url && failedUrl !== token.image_url ? thumbnailUrl(token.image_url, 128) : '';
  const clipId = `token-clip-${cssId(token.id)}`;
  const initial = (token.name.trim()[0] ?? '?').toUpperCase();
  const classes = ['token', tokenTypeClass(token.type)];
  if (statuses.has('hidden')) classes.push('token-hidden');
  if (statuses.has('dead')) classes.push('token-dead');

  return (
    <g
      className={classes.join(' ')}
      data-token-id={token.id}
      data-x={token.x}
      data-y={token.y}
      data-status={token.status.join(' ')}
      transform={`translate(${c.x} ${c.y})`}
      style={{ '--token-r': `${r}px` } as CSSProperties}
    >
      <title>{`${token.name || 'Token'} (${token.type})${labels.length ? ' — ' + labels.join(', ') : ''}`}</title>
      <circle className="token-glow" r={r + 4} />
      {statuses.has('panicked') && <circle className="token-panic-ring" r={r + 6} />}
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
      {statuses.has('wounded') && <circle className="token-wound-dot" cx={r * 0.75} cy={-r * 0.75} r={r * 0.22} />}
      {statuses.has('stunned') && <circle className="token-stun-dot" cx={-r * 0.75} cy={-r * 0.75} r={r * 0.22} />}
      {statuses.has('dead') && (
        <g className="token-dead-x">
          <line x1={-r * 0.8} y1={-r * 0.8} x2={r * 0.8} y2={r * 0.8} />
          <line x1={r * 0.8} y1={-r * 0.8} x2={-r * 0.8} y2={r * 0.8} />
        </g>
      )}
      {labels.length > 0 && (
        <g className="token-status-labels" transform={`translate(0 ${r})`}>
          {/* in em: the labels may be enlarged for a big screen (--map-piece-text) */}
          {labels.map((s, i) => (
            <text key={s} className={`token-status-label token-status-${s}`} y={`${1.1 + i * 1.15}em`} data-status-label={s}>
              {`${STATUS_GLYPHS[s]} ${STATUS_LABELS[s]}`}
            </text>
          ))}
        </g>
      )}
    </g>
  );
});

function cssId(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]/g, '_');
}
