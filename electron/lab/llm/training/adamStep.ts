import type * as Tensorflow from '@tensorflow/tfjs';

/** Adam's two moment estimates for each variable, created lazily. */
export type AdamState = { step: number; readonly moments: Map<string, [Tensorflow.Variable, Tensorflow.Variable]> };

/** Adam settings; the defaults are what trains the tiny llamas best (shared/notes/tfjs-training.md). */
export type AdamSettings = {
  /** Defaults to 0.9. */
  readonly beta1?: number;
  /** Defaults to 0.98. */
  readonly beta2?: number;
  /** Defaults to 1e-8. */
  readonly epsilon?: number;
  /** The largest global gradient norm; larger gradients are scaled down. Defaults to 1. */
  readonly clipNorm?: number;
};

/** An empty Adam state. */
export function createAdamState(): AdamState {
  return { step: 0, moments: new Map() };
}

/**
 * One Adam update with bias correction after clipping the gradients to a global norm. Does not
 * dispose `gradients`. Returns the global norm before clipping.
 */
export function adamStep(
  tf: typeof Tensorflow,
  state: AdamState,
  variables: readonly Tensorflow.Variable[],
  gradients: Tensorflow.NamedTensorMap,
  learningRate: number,
  settings: AdamSettings = {},
): number {
  const { beta1 = 0.9, beta2 = 0.98, epsilon = 1e-8, clipNorm = 1 } = settings;
  state.step += 1;
  const squaredNorm = tf.tidy(() =>
    tf.addN(variables.map((variable) => tf.sum(tf.square(gradients[variable.name] as Tensorflow.Tensor)))),
  );
  const norm = Math.sqrt(squaredNorm.dataSync()[0] ?? 0);
  squaredNorm.dispose();
  const clip = norm > clipNorm ? clipNorm / norm : 1;
  const correction1 = 1 - Math.pow(beta1, state.step);
  const correction2 = 1 - Math.pow(beta2, state.step);
  const stepSize = (learningRate * Math.sqrt(correction2)) / correction1;
  tf.tidy(() => {
    for (const variable of variables) {
      let moments = state.moments.get(variable.name);
      if (moments === undefined) {
        moments = [tf.variable(tf.zerosLike(variable), false), tf.variable(tf.zerosLike(variable), false)];
        state.moments.set(variable.name, moments);
      }
      const [first, second] = moments;
      const gradient = tf.mul(gradients[variable.name] as Tensorflow.Tensor, clip);
      first.assign(tf.add(tf.mul(first, beta1), tf.mul(gradient, 1 - beta1)));
      second.assign(tf.add(tf.mul(second, beta2), tf.mul(tf.square(gradient), 1 - beta2)));
      variable.assign(tf.sub(variable, tf.mul(tf.div(first, tf.add(tf.sqrt(second), epsilon)), stepSize)));
    }
  });
  return norm;
}

/** Frees the moment estimates. */
export function disposeAdamState(state: AdamState): void {
  for (const [first, second] of state.moments.values()) {
    first.dispose();
    second.dispose();
  }
  state.moments.clear();
}
