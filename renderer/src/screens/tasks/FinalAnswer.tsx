import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUsd } from '../../format/formatUsd.ts';

/** One answer of the vote and the paths that gave it. */
export type VoteCount = { readonly answer: string; readonly paths: readonly number[] };

/** Props of FinalAnswer. */
export type FinalAnswerProps = {
  readonly answer: string | null;
  /** How the task ended, in words ("Answered", "Stopped early" …). */
  readonly outcome: string;
  readonly isLowConfidence: boolean;
  readonly costUsd: number;
  readonly tally: readonly VoteCount[];
};

/** Longest label beside a bar; the tooltip shows the whole answer. */
const labelLength = 28;

/**
 * One bar per group of the vote, largest first as the vote ordered them: the group's answer (its
 * representative when answers were grouped by meaning) and how many paths it counted.
 */
export function voteChartData(
  tally: readonly VoteCount[],
): { readonly label: string; readonly answer: string; readonly votes: number }[] {
  return tally.map((entry) => ({
    label: entry.answer.length > labelLength ? `${entry.answer.slice(0, labelLength - 1).trimEnd()}…` : entry.answer,
    answer: entry.answer,
    votes: entry.paths.length,
  }));
}

/** The voted answer, a low-confidence badge when it has little support, its cost, and the vote as a bar chart. */
export function FinalAnswer({ answer, outcome, isLowConfidence, costUsd, tally }: FinalAnswerProps) {
  const data = voteChartData(tally);
  const totalVotes = data.reduce((sum, entry) => sum + entry.votes, 0);
  return (
    <section className="screen-section" aria-labelledby="final-answer-title" data-testid="final-answer">
      <h2 id="final-answer-title">Answer</h2>
      <div className="panel final-answer">
        <p className="final-answer-line">
          {answer === null ? (
            <span className="secondary-text">No answer.</span>
          ) : (
            <strong className="final-answer-value" data-testid="final-answer-value">
              {answer}
            </strong>
          )}{' '}
          <span className="secondary-text">{outcome}</span>{' '}
          {isLowConfidence && (
            <span className="badge badge-low-confidence" title="Stopped early or little agreement between paths">
              Low confidence
            </span>
          )}
        </p>
        <p className="secondary-text">
          Cost {formatUsd(costUsd)} · {totalVotes} {totalVotes === 1 ? 'vote' : 'votes'}
        </p>
        {data.length > 0 && (
          <figure className="bar-chart vote-chart" aria-label="Votes per answer">
            <ResponsiveContainer width="100%" height={Math.max(90, 36 * data.length + 30)}>
              <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
                <CartesianGrid horizontal={false} />
                <XAxis type="number" allowDecimals={false} tickLine={false} />
                <YAxis type="category" dataKey="label" width={120} tickLine={false} />
                <Tooltip
                  cursor={false}
                  labelFormatter={(label) => data.find((bar) => bar.label === label)?.answer ?? ''}
                  formatter={(value) => [String(value), 'Votes']}
                />
                <Bar dataKey="votes" name="Votes" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        )}
      </div>
    </section>
  );
}
