import type { RedactionPattern } from '#shared/ipc/RedactionPreview.ts';

/** Props of CustomPatternFields. */
export type CustomPatternFieldsProps = {
  readonly patterns: readonly RedactionPattern[];
  readonly onChange: (patterns: RedactionPattern[]) => void;
  /** Messages by field name, such as `customPatterns.0.pattern`. */
  readonly problems: ReadonlyMap<string, string>;
  readonly isDisabled: boolean;
};

/** The profile's own patterns: one row each with its regular expression, label and case option. */
export function CustomPatternFields({ patterns, onChange, problems, isDisabled }: CustomPatternFieldsProps) {
  const update = (index: number, patch: Partial<RedactionPattern>): void =>
    onChange(patterns.map((pattern, at) => (at === index ? { ...pattern, ...patch } : pattern)));
  return (
    <fieldset className="radio-group" disabled={isDisabled}>
      <legend>Your own patterns</legend>
      <p className="secondary-text">
        Regular expressions without slashes, e.g. <code>EMP-\d{'{6}'}</code> with the label <code>EMPLOYEE_ID</code>{' '}
        turns employee numbers into <code>[EMPLOYEE_ID_1]</code>. They run on a linear-time engine (RE2), so no pattern
        can stall the app: lookaheads and backreferences are not available.
      </p>
      {patterns.map((pattern, index) => {
        const patternProblem = problems.get(`customPatterns.${index}.pattern`);
        const labelProblem = problems.get(`customPatterns.${index}.label`);
        const number = index + 1;
        return (
          <div key={index} className="form-row" data-testid={`custom-pattern-${index}`}>
            <div className="form-field">
              <label htmlFor={`custom-pattern-${index}-pattern`}>Pattern {number}</label>
              <input
                id={`custom-pattern-${index}-pattern`}
                type="text"
                value={pattern.pattern}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={patternProblem !== undefined}
                aria-describedby={patternProblem === undefined ? undefined : `custom-pattern-${index}-pattern-error`}
                onChange={(event) => update(index, { pattern: event.target.value })}
              />
              {patternProblem !== undefined && (
                <span id={`custom-pattern-${index}-pattern-error`} className="field-error">
                  {patternProblem}
                </span>
              )}
            </div>
            <div className="form-field">
              <label htmlFor={`custom-pattern-${index}-label`}>Label {number}</label>
              <input
                id={`custom-pattern-${index}-label`}
                type="text"
                value={pattern.label ?? ''}
                placeholder="CUSTOM"
                spellCheck={false}
                autoComplete="off"
                aria-invalid={labelProblem !== undefined}
                aria-describedby={labelProblem === undefined ? undefined : `custom-pattern-${index}-label-error`}
                onChange={(event) =>
                  update(index, { label: event.target.value === '' ? undefined : event.target.value })
                }
              />
              {labelProblem !== undefined && (
                <span id={`custom-pattern-${index}-label-error`} className="field-error">
                  {labelProblem}
                </span>
              )}
            </div>
            <div className="radio-option">
              <input
                id={`custom-pattern-${index}-case`}
                type="checkbox"
                checked={pattern.caseInsensitive === true}
                onChange={(event) => update(index, { caseInsensitive: event.target.checked })}
              />
              <label htmlFor={`custom-pattern-${index}-case`}>Ignore case ({number})</label>
            </div>
            <button type="button" onClick={() => onChange(patterns.filter((_, at) => at !== index))}>
              Remove pattern {number}
            </button>
          </div>
        );
      })}
      <div>
        <button type="button" onClick={() => onChange([...patterns, { pattern: '' }])}>
          Add pattern
        </button>
      </div>
    </fieldset>
  );
}
