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

/** The voted answer, a low-confidence badge when it has little support, its cost, and the vote as a bar chart. */
export function FinalAnswer({ answer, outcome, isLowConfidence, costUsd, tally }: FinalAnswerProps) {
  const data = tally.map((entry) => ({ answer: entry.answer, votes: entry.paths.length }));
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
                <YAxis type="category" dataKey="answer" width={120} tickLine={false} />
                <Tooltip cursor={false} formatter={(value) => [String(value), 'Votes']} />
                <Bar dataKey="votes" name="Votes" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        )}
      </div>
    </section>
  );
}
