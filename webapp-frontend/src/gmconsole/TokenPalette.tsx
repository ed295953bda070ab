import { useState, type DragEvent } from 'react';
import { thumbnailUrl } from '../api/http';
import type { Gm } from './gm';
import { useJson } from './hooks';

/** One entry of the palette: a campaign image (GET api/gm/encounter/token-images/) or a custom token. */
export interface TokenTemplate {
  /** unique within the palette; used in data-testid palette-<key> */
  key: string;
  name: string;
  type: string;
  image_url: string;
  source: string;
}

interface TokenImage {
  id?: string;
  name?: string;
  type?: string;
  url?: string;
  source?: string;
}

export const TOKEN_TYPES = ['player', 'npc', 'creature', 'object'] as const;

/** MIME type of a template dragged onto the map (HTML drag and drop). */
export const TEMPLATE_MIME = 'application/x-charon-token';

/** Campaign images as templates; repeated ids get a suffix so every key is unique. */
export function templatesOf(images: readonly TokenImage[]): TokenTemplate[] {
  const seen = new Map<string, number>();
  const out: TokenTemplate[] = [];
  for (const img of images) {
    const id = String(img.id || img.name || 'token');
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    const type = String(img.type || 'creature').toLowerCase();
    out.push({
      key: n === 1 ? id : `${id}-${n}`,
      name: String(img.name || id),
      type: (TOKEN_TYPES as readonly string[]).includes(type) ? type : 'creature',
      image_url: String(img.url || ''),
      source: String(img.source || ''),
    });
  }
  return out;
}

/**
 * The token palette: click a template to arm click-to-place (then click a cell), or drag it
 * onto the map. A custom token (name + type) joins the palette and is armed at once.
 */
export function TokenPalette({
  gm,
  selected,
  onSelect,
  onDragTemplate,
}: {
  gm: Gm;
  selected: TokenTemplate | null;
  onSelect: (t: TokenTemplate | null) => void;
  onDragTemplate: (t: TokenTemplate | null) => void;
}) {
  const images = useJson<{ images?: TokenImage[] }>('api/gm/encounter/token-images/', null, gm.toLogin);
  const [custom, setCustom] = useState<TokenTemplate[]>([]);
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('npc');
  const templates = [...templatesOf(images.data?.images ?? []), ...custom];

  const addCustom = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const t: TokenTemplate = { key: `custom-${custom.length + 1}`, name: trimmed, type, image_url: '', source: 'custom' };
    setCustom((c) => [...c, t]);
    setName('');
    onSelect(t);
  };

  return (
    <div className="gm-palette" data-testid="gm-token-palette">
      <div className="gm-subtitle">
        TOKENS <span className="crt-muted">— click, then click a cell · or drag onto the map</span>
      </div>
      {/* above the images: they arrive later and would push the form down (a layout shift) */}
      <form
        className="gm-custom-token"
        onSubmit={(e) => {
          e.preventDefault();
          addCustom();
        }}
      >
        <input
          className="crt-input"
          placeholder="Custom token name"
          aria-label="Custom token name"
          data-testid="custom-token-name"
          maxLength={60}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="gm-segmented" role="radiogroup" aria-label="Custom token type">
          {TOKEN_TYPES.map((tt) => (
            <button
              key={tt}
              type="button"
              role="radio"
              aria-checked={type === tt}
              className={`gm-seg${type === tt ? ' active' : ''}`}
              data-testid={`custom-token-type-${tt.toUpperCase()}`}
              onClick={() => setType(tt)}
            >
              {tt.toUpperCase()}
            </button>
          ))}
        </div>
        <button type="submit" className="crt-button gm-mini" data-testid="custom-token-add" disabled={!name.trim()}>
          ADD
        </button>
      </form>
      {images.error && <div className="gm-error">Token images: {images.error}</div>}
      <div className="gm-palette-grid" role="listbox" aria-label="Token templates">
        {templates.map((t) => (
          <button
            key={t.key}
            type="button"
            role="option"
            aria-selected={selected?.key === t.key}
            className={`gm-palette-item token-type-${t.type}${selected?.key === t.key ? ' selected' : ''}`}
            data-testid={`palette-${t.key}`}
            title={`${t.name} (${t.type})`}
            draggable
            onDragStart={(e: DragEvent<HTMLButtonElement>) => {
              e.dataTransfer.setData(TEMPLATE_MIME, JSON.stringify(t));
              e.dataTransfer.setData('text/plain', t.name);
              e.dataTransfer.effectAllowed = 'copy';
              onDragTemplate(t);
            }}
            onDragEnd={() => onDragTemplate(null)}
            onClick={() => onSelect(selected?.key === t.key ? null : t)}
          >
            <span className="gm-palette-thumb">
              {t.image_url ? <img src={thumbnailUrl(t.image_url, 64)} alt="" draggable={false} /> : (t.name[0] ?? '?').toUpperCase()}
            </span>
            <span className="gm-palette-name">{t.name}</span>
            <span className="gm-palette-type">{t.type.toUpperCase()}</span>
          </button>
        ))}
        {templates.length === 0 && !images.loading && <div className="crt-muted">No token images</div>}
      </div>
    </div>
  );
}
