import { useState } from 'react';
import { channelLabel, channelSummaries, summariesEqual } from '../charon/selectors';
import { CHANNEL_NAME_PATTERN, type ModelInfo } from '../charon/types';
import { useStore } from '../state/store';
import type { ActiveView } from '../state/types';
import { CharonChannelView } from './CharonChannelView';
import { CHANNELS_PATH, charonWrite } from './charonRoutes';
import type { Gm } from './gm';
import { useGmView } from './hooks';
import type { LocationNode } from './LocationTree';

const selectCharon = (v: ActiveView | null) =>
  v ? `${v.charon_mode}\u0001${v.charon_location_path}\u0001${v.charon_dialog_open}\u0001${v.charon_active_channel}` : '';

/** Slash-joined slug paths of every location, for CHARON's location. */
export function locationPaths(nodes: readonly LocationNode[], prefix: string[] = []): Array<{ path: string; label: string }> {
  return nodes.flatMap((n) => {
    const path = [...prefix, n.slug];
    return [{ path: path.join('/'), label: `${'  '.repeat(prefix.length)}${n.name || n.slug}` }, ...locationPaths(n.children ?? [], path)];
  });
}

/** The model line: which model drafts, or that the campaign's fallback replies do. */
export function modelLine(model: ModelInfo | null): string {
  if (model && model.configured && (model.provider || model.model)) {
    return `Model: ${[model.provider, model.model].filter(Boolean).join(' ')}`;
  }
  return "No model configured — drafts use the campaign's fallback replies";
}

/**
 * The CHARON tab: terminal controls (mode, location context, dialog), the channel list with
 * its counts, and the selected channel (conversation, review queue, send, generate).
 * Everything shown comes from the pushed state; nothing is polled.
 */
export function CharonPanel({ gm, locations }: { gm: Gm; locations: readonly LocationNode[] }) {
  const key = useGmView(gm.store, selectCharon);
  const [mode, path, dialog, active] = key.split('\u0001');
  const open = dialog === 'true';
  const paths = locationPaths(locations);
  const model = useStore(gm.store, (s) => s.charon.model);
  const ready = useStore(gm.store, (s) => s.charon.ready);
  // the channel on view: the GM's pick, else the one on the terminal
  const [picked, setPicked] = useState<string | null>(null);
  const viewed = picked ?? active ?? '';

  return (
    <div className="gm-charon" data-testid="charon-panel">
      <div className="gm-form gm-charon-controls">
        <div className="gm-form-row">
          <span className="gm-label">ON TERMINAL</span>
          <span data-testid="charon-channel">{active || '—'}</span>
          <span className="gm-charon-model" data-testid="charon-model">
            {ready ? modelLine(model) : 'Waiting for CHARON state…'}
          </span>
        </div>
        <div className="gm-form-row" role="group" aria-label="CHARON mode">
          <span className="gm-label">MODE</span>
          {['DISPLAY', 'QUERY'].map((m) => (
            <button
              key={m}
              type="button"
              className={`crt-button gm-mini${mode === m ? ' active' : ''}`}
              data-testid={`charon-mode-${m}`}
              aria-pressed={mode === m}
              onClick={() => mode !== m && void gm.actions.run({ kind: 'charon-mode', mode: m })}
            >
              {m}
            </button>
          ))}
          <span className="gm-hint">{mode === 'QUERY' ? 'players may type at the terminal' : 'players only read'}</span>
        </div>
        <div className="gm-form-row">
          <label>
            LOCATION
            <select
              className="crt-input"
              data-testid="charon-location"
              value={path}
              onChange={(e) => void gm.actions.run({ kind: 'charon-location', location_path: e.target.value })}
            >
              <option value="">(none)</option>
              {path && !paths.some((p) => p.path === path) && <option value={path}>{path}</option>}
              {paths.map((p) => (
                <option key={p.path} value={p.path}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="gm-form-row" role="group" aria-label="CHARON dialog">
          <span className="gm-label">DIALOG</span>
          <span data-testid="charon-dialog-state">{open ? 'OPEN' : 'CLOSED'}</span>
          <button
            type="button"
            className={`crt-button gm-mini${open ? ' active' : ''}`}
            data-testid="charon-dialog-open"
            disabled={open}
            onClick={() => void gm.actions.run({ kind: 'charon-dialog', open: true })}
          >
            OPEN
          </button>
          <button
            type="button"
            className="crt-button gm-mini"
            data-testid="charon-dialog-close"
            disabled={!open}
            onClick={() => void gm.actions.run({ kind: 'charon-dialog', open: false })}
          >
            CLOSE
          </button>
          <span className="gm-hint">over any view but CHARON; players cannot close it</span>
        </div>
      </div>

      <div className="gm-charon-body">
        <aside className="gm-charon-side" aria-label="CHARON channels">
          <ChannelList gm={gm} active={active ?? ''} viewed={viewed} onPick={setPicked} />
          <CreateChannel gm={gm} onCreated={setPicked} />
        </aside>
        <div className="gm-charon-main">
          {viewed ? (
            <CharonChannelView key={viewed} gm={gm} channel={viewed} onScreen={viewed === active} />
          ) : (
            <div className="gm-hint">Pick a channel</div>
          )}
        </div>
      </div>
    </div>
  );
}

function ChannelList({
  gm,
  active,
  viewed,
  onPick,
}: {
  gm: Gm;
  active: string;
  viewed: string;
  onPick: (channel: string) => void;
}) {
  const summaries = useStore(gm.store, (s) => channelSummaries(s.charon), summariesEqual);
  // the channel on the terminal is listed even before the server lists it
  const rows = active && !summaries.some((c) => c.channel === active)
    ? [{ channel: active, unread: 0, pending: 0, waiting: 0 }, ...summaries]
    : summaries;
  return (
    <ul className="gm-charon-channels" data-testid="charon-channels">
      {rows.map((c) => {
        const parts = [
          c.channel === active ? 'on the terminal' : '',
          c.waiting ? `${c.waiting} waiting ${c.waiting === 1 ? 'query' : 'queries'}` : '',
          c.pending ? `${c.pending} ${c.pending === 1 ? 'draft' : 'drafts'} to review` : '',
          c.unread ? `${c.unread} unread` : '',
        ].filter(Boolean);
        return (
          <li key={c.channel}>
            <button
              type="button"
              className={[
                'gm-charon-channel-item',
                c.channel === viewed ? 'selected' : '',
                c.channel === active ? 'on-screen' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              data-testid="charon-channel-item"
              data-channel={c.channel}
              aria-current={c.channel === viewed ? 'true' : undefined}
              aria-label={`${channelLabel(c.channel)}${parts.length ? `: ${parts.join(', ')}` : ''}`}
              onClick={() => onPick(c.channel)}
            >
              <span className="gm-charon-channel-label">
                {c.channel === active && (
                  <span className="gm-charon-live" aria-hidden="true" title="On the terminal">
                    ▶{' '}
                  </span>
                )}
                {channelLabel(c.channel)}
              </span>
              <span className="gm-charon-badges" aria-hidden="true">
                {c.waiting > 0 && (
                  <span className="gm-badge gm-badge-waiting" data-testid="charon-badge-waiting" title="Waiting queries">
                    ?{c.waiting}
                  </span>
                )}
                {c.pending > 0 && (
                  <span className="gm-badge gm-badge-pending" data-testid="charon-badge-pending" title="Drafts to review">
                    {c.pending}
                  </span>
                )}
                {c.unread > 0 && (
                  <span className="gm-badge gm-badge-unread" data-testid="charon-badge-unread" title="Unread">
                    {c.unread} new
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function CreateChannel({ gm, onCreated }: { gm: Gm; onCreated: (channel: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    const channel = name.trim();
    if (!CHANNEL_NAME_PATTERN.test(channel)) {
      setError('Lower-case letters, digits, "-" and "_", starting with a letter or digit, at most 64');
      return;
    }
    setError('');
    setBusy(true);
    const ok = await charonWrite(gm, CHANNELS_PATH, { channel }, `Channel ${channel} created`, 'Failed to create channel');
    setBusy(false);
    if (ok) {
      setName('');
      onCreated(channel);
    }
  };
  return (
    <form
      className="gm-charon-create"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <label className="gm-form-block">
        NEW CHANNEL
        <input
          className="crt-input"
          data-testid="charon-new-channel"
          value={name}
          maxLength={64}
          placeholder="e.g. cargo-bay"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'charon-create-error' : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError('');
          }}
        />
      </label>
      <button type="submit" className="crt-button" data-testid="charon-create-channel" disabled={busy || !name.trim()}>
        Create
      </button>
      {error && (
        <div className="gm-error" id="charon-create-error" role="alert" data-testid="charon-create-error">
          {error}
        </div>
      )}
    </form>
  );
}
