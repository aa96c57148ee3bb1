import { describe, expect, it } from 'vitest';
import { calibrateThresholds, type EscalationThresholds } from '#core/policy/calibrateThresholds.ts';
import { coldStartAgreement } from '#core/policy/coldStartAgreement.ts';
import { decideEscalation, type EscalationInput } from '#core/policy/decideEscalation.ts';
import { operatingPointNames, operatingPoints } from '#core/policy/operatingPoints.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

const thresholds: EscalationThresholds = {
  version: 1,
  scoreKind: 'failure',
  checkpoint: 5,
  targetLossRate: 0.2,
  byPoint: { 'save-most': 0.9, 'save-more': 0.8, balanced: 0.7, 'better-answers': 0.6, 'best-answers': 0.5 },
  stopFailureProbability: 0.95,
  validation: {
    tasks: 100,
    costShare: { 'save-most': 0.15, 'save-more': 0.22, balanced: 0.3, 'better-answers': 0.45, 'best-answers': 0.6 },
    escalationRate: { 'save-most': 0.1, 'save-more': 0.2, balanced: 0.3, 'better-answers': 0.4, 'best-answers': 0.5 },
  },
};

function input(overrides: Partial<EscalationInput> = {}): EscalationInput {
  return {
    failureProbability: 0.8,
    targetSuccessProbability: null,
    thresholds,
    pathValues: ['A.f', 'A.f', 'B.g', null, 'A.f'],
    continueCost: 0,
    escalationCosts: { parallel: 1, sequential: 0.6, selective: 0.3 },
    privacyMode: 'auto-redact',
    remainingBudget: null,
    operatingPoint: 'balanced',
    ...overrides,
  };
}

describe('decideEscalation', () => {
  it('escalates above the operating point threshold with the preferred mode, and explains why', () => {
    const decision = decideEscalation(input());
    expect(decision.action).toBe('escalate-sequential');
    expect(decision.askUser).toBe(false);
    expect(decision.explanation).toMatchObject({
      decidedBy: 'predictor',
      score: 0.8,
      threshold: 0.7,
      failureProbability: 0.8,
      wantsEscalation: true,
      blockedBy: null,
      costs: { continue: 0, chosenMode: 'sequential' },
      budget: { remaining: null, coversEscalation: true },
    });
    expect(decision.explanation.summary).toContain('escalates (sequential hotswap');
    expect(decideEscalation(input({ operatingPoint: 'best-answers' })).action).toBe('escalate-selective');
    expect(decideEscalation(input({ operatingPoint: 'save-most' })).action).toBe('continue');
  });

  it('never escalates a local-only profile, with or without a predictor', () => {
    for (const failureProbability of [0.5, 0.9, 1, null]) {
      for (const operatingPoint of operatingPointNames) {
        const decision = decideEscalation(
          input({ privacyMode: 'local-only', failureProbability, operatingPoint, pathValues: [null, null] }),
        );
        expect(decision.action).not.toMatch(/^escalate/);
        expect(decision.askUser).toBe(false);
        expect(decision.explanation.privacy.allowsEscalation).toBe(false);
      }
    }
    const blocked = decideEscalation(input({ privacyMode: 'local-only' }));
    expect(blocked.explanation.blockedBy).toBe('privacy-local-only');
    expect(blocked.explanation.summary).toContain('local-only');
  });

  it('takes the first preferred mode the budget covers, and never escalates beyond the budget', () => {
    const partial = decideEscalation(input({ operatingPoint: 'best-answers', remainingBudget: 0.5 }));
    expect(partial.action).toBe('escalate-selective');
    const broke = decideEscalation(input({ remainingBudget: 0.2 }));
    expect(broke.action).toBe('continue');
    expect(broke.explanation.blockedBy).toBe('budget');
    expect(broke.explanation.budget).toEqual({ remaining: 0.2, coversEscalation: false });
    expect(broke.explanation.summary).toContain('budget ($0.20) cannot cover an escalation ($0.30 at least)');
    const unoffered = decideEscalation(input({ escalationCosts: {} })).explanation;
    expect(unoffered.blockedBy).toBe('no-escalation-offered');
    // A provider may well be saved (just not the default nor picked): the sentence says so and what to do.
    expect(unoffered.summary).toContain('no cloud provider was chosen for this task');
    expect(unoffered.summary).toContain('make a saved provider the default in Models > Cloud providers');
    expect(unoffered.summary).not.toContain('no cloud model is set up');
  });

  it('asks first only under the ask policy and only when escalating', () => {
    expect(decideEscalation(input({ privacyMode: 'ask' })).askUser).toBe(true);
    expect(decideEscalation(input({ privacyMode: 'auto-redact' })).askUser).toBe(false);
    expect(decideEscalation(input({ privacyMode: 'ask', failureProbability: 0.1 })).askUser).toBe(false);
  });

  it('stops a doomed task it may not escalate, at the calibrated stop threshold', () => {
    expect(decideEscalation(input({ privacyMode: 'local-only', failureProbability: 0.97 })).action).toBe('stop');
    expect(decideEscalation(input({ privacyMode: 'local-only', failureProbability: 0.9 })).action).toBe('continue');
    expect(decideEscalation(input({ failureProbability: 0.97, remainingBudget: 0 })).action).toBe('stop');
  });

  it('falls back to agreement across paths before a predictor exists, and says so', () => {
    // 3 of 5 paths agree: 0.6.
    expect(coldStartAgreement(['A.f', 'A.f', 'B.g', null, 'A.f'])).toBeCloseTo(0.6);
    const agreeing = decideEscalation(input({ failureProbability: null, thresholds: null }));
    expect(agreeing.explanation).toMatchObject({
      decidedBy: 'cold-start',
      scoreKind: 'disagreement',
      stopThreshold: null,
    });
    expect(agreeing.explanation.agreement).toBeCloseTo(0.6);
    expect(agreeing.action).toBe('continue'); // balanced escalates at agreement <= 0.4
    const scattered = decideEscalation(
      input({ failureProbability: null, thresholds: null, pathValues: ['A.f', 'B.g', 'C.h', null, null] }),
    );
    expect(scattered.action).toBe('escalate-sequential');
    expect(scattered.explanation.summary).toContain('cold start');
    expect(decideEscalation(input({ thresholds: null })).explanation.decidedBy).toBe('cold-start');
  });

  it('scores with the target head when the thresholds were calibrated for it', () => {
    const decision = decideEscalation(
      input({
        thresholds: { ...thresholds, scoreKind: 'gain', byPoint: { ...thresholds.byPoint, balanced: 0.3 } },
        failureProbability: 0.8,
        targetSuccessProbability: 0.5,
      }),
    );
    // 0.8 x 0.5 - 0.2 x 0.2 = 0.36
    expect(decision.explanation.score).toBeCloseTo(0.36);
    expect(decision.action).toBe('escalate-sequential');
  });
});

describe('calibrateThresholds', () => {
  it('gives thresholds that fall monotonically from save-most to best-answers and keep each cost share', () => {
    const random = createRandom(3);
    const tasks = Array.from({ length: 200 }, () => {
      const score = random();
      return {
        score,
        continueCost: 0.05,
        escalateCost: 0.02 + 0.5 + random(),
        targetCost: 0.5 + random(),
        isSourceFailure: random() < score,
      };
    });
    const calibrated = calibrateThresholds(
      tasks,
      tasks.map((task) => task.score),
      { scoreKind: 'failure', checkpoint: 5 },
    );
    const values = operatingPointNames.map((name) => calibrated.byPoint[name]);
    for (let index = 1; index < values.length; index += 1) {
      expect(values[index]).toBeLessThanOrEqual(values[index - 1] ?? Infinity);
    }
    expect(values[0]).toBeGreaterThan(values.at(-1) ?? Infinity);
    for (const name of operatingPointNames)
      expect(calibrated.validation.costShare[name]).toBeLessThanOrEqual(operatingPoints[name].targetCostShare);
    expect(calibrated.validation.costShare['best-answers']).toBeGreaterThan(calibrated.validation.costShare.balanced);
    expect(calibrated.validation.escalationRate['best-answers']).toBeGreaterThan(
      calibrated.validation.escalationRate['save-most'],
    );
    expect(calibrated.stopFailureProbability).not.toBeNull();
  });

  it('escalates nothing when even one escalation breaks the cost share', () => {
    const tasks = [{ score: 0.9, continueCost: 1, escalateCost: 100, targetCost: 10, isSourceFailure: true }];
    const calibrated = calibrateThresholds(tasks, [0.9], { scoreKind: 'failure', checkpoint: 1 });
    expect(calibrated.byPoint['best-answers']).toBeGreaterThan(0.9);
    expect(calibrated.validation.escalationRate['best-answers']).toBe(0);
  });
});

describe('decideEscalation explains itself in one unit', () => {
  it('speaks of confidence and its threshold in percent, never a raw fraction or a field name', () => {
    const cold = decideEscalation(input({ failureProbability: null, thresholds: null }));
    const trained = decideEscalation(input());
    for (const { explanation } of [cold, trained]) {
      expect(explanation.summary).toMatch(/\d+%.*at \d+% or less the checkpoint gets help/);
      expect(explanation.summary).not.toMatch(/0\.\d{3}|scoreKind|operatingPoint|blockedBy|chosenMode/);
    }
    // P(failure) 0.8 is a 20% chance of success; the balanced threshold 0.7 is 30%.
    expect(trained.explanation.summary).toContain('a 20% chance of success; at 30% or less');
    // The paths: 3 of 4 answered values agree (one path has none).
    expect(cold.explanation.summary).toMatch(/^Balanced\. \d+% of the paths agree/);
  });

  it('shows a small cost with enough digits to be non-zero', () => {
    const decision = decideEscalation(input({ escalationCosts: { sequential: 0.00042 } }));
    expect(decision.explanation.summary).toContain('about $0.00042');
    expect(decision.explanation.summary).not.toMatch(/\$0\.00(?!\d)/);
  });
});
