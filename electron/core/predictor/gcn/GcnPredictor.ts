import * as tf from '@tensorflow/tfjs';
import type { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';
import { toGraphTensors } from '#core/graph/toGraphTensors.ts';
import { batchGraphs } from './batchGraphs.ts';
import type { GcnCheckpoint, GcnFeatureConfig } from './GcnCheckpoint.ts';
import { GcnModel, toTensors, type GcnWeights } from './GcnModel.ts';
import { prepareGraph, type PreparedGraph } from './prepareGraph.ts';

/** What a predictor decides at. */
export type GcnPredictorSetting = {
  readonly k: number;
  readonly mode: 'parallel' | 'sequential';
  readonly featureConfig: GcnFeatureConfig;
  /** Failure is predicted at or above this mean probability. */
  readonly threshold: number;
};

/**
 * A trained failure predictor: an ensemble of GCN members whose probabilities are averaged, the
 * decision threshold, and the feature configuration its flow graphs must be built with. Owns the
 * members' tensors: call {@link dispose}.
 */
export class GcnPredictor {
  readonly setting: GcnPredictorSetting;
  readonly members: readonly GcnModel[];

  constructor(setting: GcnPredictorSetting, members: readonly GcnModel[]) {
    if (members.length === 0) throw new Error('A predictor needs at least one member.');
    this.setting = setting;
    this.members = members;
  }

  /** A predictor from a parsed checkpoint (see `loadGcnCheckpoint`). */
  static async fromCheckpoint(checkpoint: GcnCheckpoint): Promise<GcnPredictor> {
    const groups = new Map<string, Record<string, GcnWeights[string]>>();
    for (const [name, weight] of Object.entries(checkpoint.weights)) {
      const match = /^(member\d+)\.(.+)$/.exec(name);
      if (match === null) throw new Error(`Unexpected weight name ${name} in the checkpoint.`);
      const [, member = '', variable = ''] = match;
      groups.set(member, { ...groups.get(member), [variable]: weight });
    }
    const names = [...groups.keys()].sort((left, right) => Number(left.slice(6)) - Number(right.slice(6)));
    const members = await Promise.all(names.map((name) => GcnModel.fromWeights(groups.get(name) ?? {})));
    const { k, mode, featureConfig, thresholds } = checkpoint;
    return new GcnPredictor({ k, mode, featureConfig, threshold: thresholds.failure }, members);
  }

  /** Mean probability of failure over the members, one per graph. No tensors outlive the call. */
  predict(graphs: readonly PreparedGraph[]): number[] {
    if (graphs.length === 0) return [];
    const batch = batchGraphs(graphs);
    return tf.tidy(() => {
      const tensors = toTensors(batch);
      const probabilities = this.members.map((member) => tf.sigmoid(member.forward(tensors)));
      return Array.from(tf.div(tf.addN(probabilities), this.members.length).dataSync());
    });
  }

  /**
   * The probability of failure of a (live) flow graph built with this predictor's feature config.
   * @param options.pathCount The paths the task runs, when some have not produced a step yet.
   */
  predictFlow(flow: SemanticFlowGraph, options: { readonly pathCount?: number } = {}): number {
    const tensors = toGraphTensors(flow, {
      depthScale: this.setting.featureConfig.depthScale,
      pathCount: options.pathCount,
    });
    return this.predict([prepareGraph(tensors)])[0] ?? Number.NaN;
  }

  /** Whether a probability means "predict failure". */
  isFailure(probability: number): boolean {
    return probability >= this.setting.threshold;
  }

  /** The checkpoint to save. */
  toCheckpoint(trainedAt: string | null): GcnCheckpoint {
    const weights: Record<string, GcnWeights[string]> = {};
    this.members.forEach((member, index) => {
      for (const [name, weight] of Object.entries(member.toWeights())) weights[`member${index}.${name}`] = weight;
    });
    const { k, mode, featureConfig, threshold } = this.setting;
    return {
      format: 'atropos-predictor',
      version: 1,
      k,
      mode,
      trainedAt,
      featureConfig,
      thresholds: { failure: threshold },
      weights,
    };
  }

  /** Frees every member. */
  dispose(): void {
    for (const member of this.members) member.dispose();
  }
}
