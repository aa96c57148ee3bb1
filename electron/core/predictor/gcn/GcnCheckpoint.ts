import { z } from 'zod';
import type { PredictorScore } from '#shared/domain.ts';
import type { FlowGraphConfig } from '#core/graph/flowGraphConfig.ts';
import { escalationThresholdsSchema, type EscalationThresholds } from '#core/policy/calibrateThresholds.ts';
import { coverageTool } from '#core/trajectory/answerMethods.ts';
import { statisticsModelSchema, type StatisticsModel } from '#core/predictor/statisticsPredictor.ts';
import type { GcnWeights } from './GcnModel.ts';

/** What the features of a checkpoint were computed with: the graph and the tensor scaling. */
export type GcnFeatureConfig = {
  readonly graph: FlowGraphConfig;
  /** GraphTensorOptions.depthScale: k in parallel mode. */
  readonly depthScale: number;
};

/**
 * A saved GCN failure predictor: `models/predictor/*.json`. The header fields (format, version,
 * k, trainedAt) are what the Predictor screen lists; a reader must refuse other versions.
 */
export type GcnCheckpoint = {
  readonly format: 'atropos-predictor';
  readonly version: 1;
  /** Steps per path (parallel) or complete runs (sequential) the predictor decides at. */
  readonly k: number;
  readonly mode: 'parallel' | 'sequential';
  /** ISO time of training, from the engine's clock; null when unknown. */
  readonly trainedAt: string | null;
  readonly featureConfig: GcnFeatureConfig;
  /** Failure is predicted when the mean member probability is at least `failure`. */
  readonly thresholds: { readonly failure: number };
  /** Every member's weights, named `member<i>.<variable>`. */
  readonly weights: GcnWeights;
  /** How this configuration scored in cross-validation on its training file, when it was measured. */
  readonly evaluation?: PredictorScore;
  /**
   * The escalation policy's operating-point thresholds calibrated with this model on tasks held
   * out of its training (a predictor retrained on the app's history carries them; live tasks
   * decide with them). Absent: the model is not used for live decisions.
   */
  readonly escalation?: EscalationThresholds;
  /**
   * Present when the predictor is logistic regression on the path statistics (a retrained
   * predictor's other decider, see defaultDecider); then `weights` is empty, `featureConfig` is
   * unused, and this model and its threshold decide.
   */
  readonly statistics?: StatisticsModel;
};

/** Checks a checkpoint's stored cross-validated scores (also read on their own by the Predictor screen). */
export const checkpointScoreSchema = z.object({
  data: z.string(),
  tasks: z.number().int().nonnegative(),
  accuracy: z.number(),
  rocAuc: z.number(),
  averagePrecision: z.number(),
  precision: z.number(),
  recall: z.number(),
  statsBaselineAccuracy: z.number(),
  majorityAccuracy: z.number(),
  rocCurve: z.array(z.object({ fpr: z.number(), tpr: z.number() })).max(1000),
});

const weightSchema = z
  .object({ shape: z.array(z.number().int().nonnegative()), values: z.array(z.number()) })
  .refine(
    (weight) => weight.shape.reduce((product, size) => product * size, 1) === weight.values.length,
    'the number of values does not match the shape',
  );

const checkpointSchema = z.object({
  format: z.literal('atropos-predictor'),
  version: z.literal(1),
  k: z.number().int().nonnegative(),
  mode: z.enum(['parallel', 'sequential']),
  trainedAt: z.string().nullable(),
  featureConfig: z.object({
    graph: z.object({
      tools: z.array(z.string()),
      text: z.object({
        dimension: z.number().int().positive(),
        minGram: z.number().int().positive(),
        maxGram: z.number().int().positive(),
        wordWeight: z.number(),
      }),
      toolWeight: z.number(),
      // Added with text steps (issue 17); older files never had them.
      textSteps: z.boolean().default(false),
      joinThreshold: z.number(),
      mergeThreshold: z.number(),
      answerJoinThreshold: z.number(),
      errorPattern: z.string(),
      // Added after the first checkpoints; older files get the AutoFL defaults.
      coverageTool: z.string().default(coverageTool),
      testClassPattern: z.string().default('Test'),
    }),
    depthScale: z.number().positive(),
  }),
  thresholds: z.object({ failure: z.number() }),
  weights: z.record(z.string(), weightSchema),
  evaluation: checkpointScoreSchema.optional(),
  escalation: escalationThresholdsSchema.optional(),
  statistics: statisticsModelSchema.optional(),
});

/**
 * Checks parsed JSON against the checkpoint format.
 * @throws Error naming the first wrong field.
 */
export function parseGcnCheckpoint(value: unknown): GcnCheckpoint {
  const parsed = checkpointSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `Not a version 1 atropos-predictor checkpoint: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`,
  );
}
