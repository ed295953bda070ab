import type { PageProblem } from '../state/liveState';

/**
 * A quiet sign that something could not be used (an unreadable event, a map or image that
 * failed): the screen keeps the last good state, this badge says why in its tooltip.
 */
export function ProblemIndicator({ problems, onClear }: { problems: PageProblem[]; onClear?: () => void }) {
  if (problems.length === 0) return null;
  const title = problems.map((p) => `[${p.source}] ${p.message}`).join('\n');
  return (
    <div
      className="problem-indicator"
      data-testid="problem-indicator"
      title={title}
      aria-label={`${problems.length} problem(s): ${title}`}
      role="img"
      onClick={onClear}
    >
      !
    </div>
  );
}
