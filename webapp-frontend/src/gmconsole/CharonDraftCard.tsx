import { memo, useState } from 'react';
import type { Draft } from '../charon/types';
import { MAX_SEND_CHARS } from '../charon/types';
import { channelPath, charonWrite, localTime } from './charonRoutes';
import type { Gm } from './gm';

/**
 * One draft in a channel's review queue: what it answers (the player's query or the GM's
 * prompt) above the text, which streams in while `generating`. Nothing reaches the
 * players until the GM approves it (optionally edited).
 */
export const CharonDraftCard = memo(function CharonDraftCard({
  gm,
  channel,
  draft,
  channelGenerating,
}: {
  gm: Gm;
  channel: string;
  draft: Draft;
  /** some draft of the channel is generating: the server refuses regenerate with 409 */
  channelGenerating: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState('');
  const [busy, setBusy] = useState(false);
  const generating = draft.state === 'generating';
  const failed = draft.state === 'failed';
  const blank = draft.response.trim() === '';

  const act = async (action: string, body: Record<string, unknown>, ok: string, failedText: string) => {
    setBusy(true);
    const done = await charonWrite(gm, channelPath(channel, action), body, ok, failedText);
    setBusy(false);
    return done;
  };

  const approveTitle = generating
    ? 'Still generating'
    : failed
      ? 'A failed draft can only be approved edited'
      : blank
        ? 'The draft is empty: edit it first'
        : undefined;

  return (
    <article
      className={`gm-draft gm-draft-${draft.state}`}
      data-testid="charon-draft"
      data-state={draft.state}
      data-pending-id={draft.pending_id}
      aria-busy={generating || undefined}
    >
      <div className="gm-draft-query">
        {draft.query !== null ? (
          <>
            <span className="gm-draft-label">PLAYER</span> {draft.query}
          </>
        ) : (
          <>
            <span className="gm-draft-label">GM PROMPT</span> {draft.gm_prompt ?? ''}
          </>
        )}
      </div>
      {draft.context_override && (
        <div className="gm-draft-query">
          <span className="gm-draft-label">CONTEXT OVERRIDE</span> {draft.context_override}
        </div>
      )}
      <div className="gm-draft-meta">
        <span className={`gm-draft-state gm-draft-state-${draft.state}`}>{draft.state.toUpperCase()}</span>
        {draft.source === 'fallback' && <span> · fallback reply</span>}
        {draft.model && <span> · {draft.model}</span>}
        {localTime(draft.updated || draft.timestamp) && <span> · {localTime(draft.updated || draft.timestamp)}</span>}
      </div>
      {(draft.response || !failed) && (
        <div className={`gm-draft-text${generating ? ' crt-cursor' : ''}`} data-testid="charon-draft-text">
          {draft.response}
        </div>
      )}
      {failed && (
        <div className="gm-error gm-draft-error" role="alert" data-testid="charon-draft-error">
          {draft.error || 'Generation failed'}
        </div>
      )}
      {editing && (
        <div className="gm-draft-edit">
          <label className="gm-form-block">
            EDITED REPLY
            <textarea
              className="crt-input"
              data-testid="charon-edit-text"
              rows={4}
              maxLength={MAX_SEND_CHARS}
              value={edited}
              onChange={(e) => setEdited(e.target.value)}
            />
          </label>
          <div className="gm-draft-buttons">
            <button
              type="button"
              className="crt-button"
              data-testid="charon-approve-edited"
              disabled={busy || edited.trim() === ''}
              onClick={async () => {
                const ok = await act(
                  'approve',
                  { pending_id: draft.pending_id, modified_content: edited },
                  'Edited reply approved',
                  'Failed to approve',
                );
                if (ok) setEditing(false);
              }}
            >
              Approve edited
            </button>
            <button type="button" className="crt-button" onClick={() => setEditing(false)}>
              Cancel edit
            </button>
          </div>
        </div>
      )}
      <div className="gm-draft-buttons">
        <button
          type="button"
          className="crt-button"
          data-testid="charon-approve"
          disabled={busy || generating || failed || blank}
          title={approveTitle}
          onClick={() => void act('approve', { pending_id: draft.pending_id }, 'Reply approved', 'Failed to approve')}
        >
          Approve
        </button>
        <button
          type="button"
          className="crt-button"
          data-testid="charon-edit"
          disabled={busy || generating || editing}
          onClick={() => {
            setEdited(draft.response);
            setEditing(true);
          }}
        >
          Edit
        </button>
        <button
          type="button"
          className="crt-button"
          data-testid="charon-regenerate"
          disabled={busy || channelGenerating}
          title={channelGenerating ? 'Wait until the draft being generated on this channel is done' : undefined}
          onClick={() =>
            void act('regenerate', { pending_id: draft.pending_id }, 'Generating a new draft', 'Failed to regenerate')
          }
        >
          Regenerate
        </button>
        <button
          type="button"
          className="crt-button gm-danger"
          data-testid="charon-reject"
          disabled={busy}
          onClick={() => void act('reject', { pending_id: draft.pending_id }, 'Draft rejected', 'Failed to reject')}
        >
          Reject
        </button>
      </div>
      {draft.prompt && (
        <details className="gm-draft-prompt" data-testid="charon-prompt">
          <summary>Prompt sent</summary>
          <div className="gm-prompt-params">
            max_tokens {draft.prompt.max_tokens} · temperature {draft.prompt.temperature}
          </div>
          <div className="gm-prompt-part">SYSTEM</div>
          <pre className="gm-prompt-text">{draft.prompt.system}</pre>
          {draft.prompt.messages.map((t, i) => (
            <div key={i}>
              <div className="gm-prompt-part">{t.role.toUpperCase()}</div>
              <pre className="gm-prompt-text">{t.content}</pre>
            </div>
          ))}
        </details>
      )}
    </article>
  );
});
