import * as tf from '@tensorflow/tfjs';

/**
 * One graph convolution as PyTorch Geometric's `GCNConv` computes it, before any activation:
 * `Â · (X · W) + b`, with Â from `normalizedAdjacency` (row = target, so node t sums the
 * transformed features of its sources). Two plain 2-D products: the fast path on the wasm backend.
 * @param adjacency Â, n × n.
 * @param features X, n × in.
 * @param weight W, in × out.
 * @param bias b, out.
 * @returns n × out. Call inside `tf.tidy` (the intermediate product is not disposed here).
 */
export function gcnConvolution(
  adjacency: tf.Tensor2D,
  features: tf.Tensor2D,
  weight: tf.Tensor2D,
  bias: tf.Tensor1D,
): tf.Tensor2D {
  return tf.add<tf.Tensor2D>(tf.matMul(adjacency, tf.matMul(features, weight)), bias);
}
