import type * as Tensorflow from '@tensorflow/tfjs';

type TensorInfo = { dataId: object; shape: number[]; dtype: Tensorflow.DataType };
type HeapArray = Float32Array | Int32Array | Uint8Array;
/** The two methods of tfjs-backend-wasm's BackendWasm the kernels need. */
type WasmBackend = {
  makeOutput(shape: number[], dtype: Tensorflow.DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): HeapArray;
};
type KernelArguments = { inputs: Record<string, TensorInfo>; attrs?: Record<string, unknown>; backend: unknown };

/** Copies `size` elements starting at `begin` of `x` into a new tensor, reading the wasm heap in place. */
function sliceHeap(backend: WasmBackend, x: TensorInfo, begin: readonly number[], size: readonly number[]): TensorInfo {
  const out = backend.makeOutput([...size], x.dtype);
  // Views are taken after makeOutput: a growing heap detaches older views.
  const input = backend.typedArrayFromHeap(x);
  const output = backend.typedArrayFromHeap(out);
  const rank = x.shape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) strides[axis] = (strides[axis + 1] ?? 1) * (x.shape[axis + 1] ?? 1);
  const rowLength = size[rank - 1] ?? 1;
  const rows = output.length / Math.max(rowLength, 1);
  const index = new Array<number>(rank).fill(0);
  for (let row = 0; row < rows; row++) {
    let offset = 0;
    for (let axis = 0; axis < rank; axis++) offset += ((begin[axis] ?? 0) + (index[axis] ?? 0)) * (strides[axis] ?? 1);
    output.set(input.subarray(offset, offset + rowLength), row * rowLength);
    for (let axis = rank - 2; axis >= 0; axis--) {
      index[axis] = (index[axis] ?? 0) + 1;
      if ((index[axis] ?? 0) < (size[axis] ?? 1)) break;
      index[axis] = 0;
    }
  }
  return out;
}

function resolveSlice(x: TensorInfo, begin: unknown, size: unknown): [number[], number[]] {
  const beginList = (typeof begin === 'number' ? [begin] : (begin as number[])).slice();
  const sizeList = (typeof size === 'number' ? [size] : (size as number[])).slice();
  const fullBegin = x.shape.map((_, axis) => beginList[axis] ?? 0);
  const fullSize = x.shape.map((dimension, axis) => {
    const wanted = sizeList[axis] ?? -1;
    return wanted === -1 ? dimension - (fullBegin[axis] ?? 0) : wanted;
  });
  return [fullBegin, fullSize];
}

/**
 * Replaces tfjs-backend-wasm's Slice, SplitV and Unpack kernels (4.22) with ones that read the
 * input through a view of the wasm heap. The stock kernels copy the whole input out of the heap on
 * every call, which makes the per-(sequence, head) attention loop 30-70x slower (see
 * shared/notes/tfjs-training.md). Idempotent.
 */
export function registerFastSliceKernels(tf: typeof Tensorflow): void {
  const slice = ({ inputs, attrs, backend }: KernelArguments): TensorInfo => {
    const x = inputs.x as TensorInfo;
    const [begin, size] = resolveSlice(x, attrs?.begin, attrs?.size);
    return sliceHeap(backend as WasmBackend, x, begin, size);
  };
  const splitV = ({ inputs, attrs, backend }: KernelArguments): TensorInfo[] => {
    const x = inputs.x as TensorInfo;
    const axis = ((attrs?.axis as number) + x.shape.length) % x.shape.length;
    const splits = attrs?.numOrSizeSplits as number | number[];
    const dimension = x.shape[axis] ?? 0;
    const sizes = typeof splits === 'number' ? new Array<number>(splits).fill(dimension / splits) : splits;
    const begin = x.shape.map(() => 0);
    return sizes.map((part) => {
      const size = [...x.shape];
      size[axis] = part;
      const out = sliceHeap(backend as WasmBackend, x, begin, size);
      begin[axis] = (begin[axis] ?? 0) + part;
      return out;
    });
  };
  const unpack = ({ inputs, attrs, backend }: KernelArguments): TensorInfo[] => {
    const value = inputs.value as TensorInfo;
    const axis = ((attrs?.axis as number) + value.shape.length) % value.shape.length;
    const outShape = value.shape.filter((_, index) => index !== axis);
    return Array.from({ length: value.shape[axis] ?? 0 }, (_, position) => {
      const begin = value.shape.map((_, index) => (index === axis ? position : 0));
      const size = value.shape.map((dimension, index) => (index === axis ? 1 : dimension));
      const out = sliceHeap(backend as WasmBackend, value, begin, size);
      return { ...out, shape: outShape };
    });
  };
  const kernels = [
    ['Slice', slice],
    ['SplitV', splitV],
    ['Unpack', unpack],
  ] as const;
  for (const [kernelName, kernelFunc] of kernels) {
    if (tf.getKernel(kernelName, 'wasm') !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as Tensorflow.KernelFunc });
  }
}
