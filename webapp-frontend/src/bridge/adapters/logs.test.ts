import { describe, expect, it } from 'vitest';
import { parseGmLogs } from './gmLogs';
import { logHeading, parseLogs } from './logs';

describe('log adapters', () => {
  it('reads sessions with front matter fields, newest first, the date cut to its first word', () => {
    const logs = parseLogs({
      sessions: [
        { session: 'session-001.md', session_number: 1, date: '2211-03-09 evening', title: 'Clearance Denied', location: 'Tethys Relay', npcs: ['Warden Mira Salk', 'SEXTON'], body: 'The **Marrow Lark** docked.' },
        { filename: 'session-002.md', number: '2', title: 'Cold Open', npcs: 'A, B ,', body: '' },
        { file: 'notes.md', body: 'loose notes' },
      ],
    });
    expect(logs.map((l) => l.id)).toEqual(['session-002.md', 'session-001.md', 'notes.md']);
    expect(logs[1]).toMatchObject({ number: 1, date: '2211-03-09', location: 'Tethys Relay', npcs: ['Warden Mira Salk', 'SEXTON'] });
    expect(logs[0].npcs).toEqual(['A', 'B']);
    expect(logs.map(logHeading)).toEqual(['SESSION 2: COLD OPEN', 'SESSION 1: CLEARANCE DENIED', 'NOTES.MD']);
  });

  it('takes a bare array or `logs`, and never fails on junk', () => {
    expect(parseLogs([{ session: 'a.md', session_number: 3 }]).map((l) => l.id)).toEqual(['a.md']);
    expect(parseLogs({ logs: [{ session_number: 4 }] })[0].id).toBe('session-4');
    expect(parseLogs(null)).toEqual([]);
    expect(parseLogs({ sessions: [{ body: 7 }] })[0]).toMatchObject({ id: 'log-1', body: '' });
  });

  it('GM: visible as the server says; else its default; else hidden', () => {
    const g = parseGmLogs({
      sessions: [
        { session: 'a.md', session_number: 1, visible: true },
        { session: 'b.md', session_number: 2, visible_by_default: true },
        { session: 'c.md', session_number: 3 },
      ],
    });
    expect(g.map((l) => [l.id, l.visible])).toEqual([
      ['c.md', false],
      ['b.md', true],
      ['a.md', true],
    ]);
  });
});
