import { assert } from '#core/errors.ts';
import { toFloat16Bits } from './toFloat16Bits.ts';

/** The tensor storage types the writer speaks, as llama.cpp's ggml defines them. */
export type GgmlType = 'F32' | 'F16' | 'Q8_0' | 'Q4_0';

/** ggml_type codes as GGUF stores them in a tensor info. */
export const ggmlTypeCodes: Record<GgmlType, number> = { F32: 0, F16: 1, Q4_0: 2, Q8_0: 8 };

/** Elements per block: a quantized row length must be a multiple of it. */
export const ggmlBlockSize: Record<GgmlType, number> = { F32: 1, F16: 1, Q8_0: 32, Q4_0: 32 };

/** Bytes per block: Q8_0 = {f16 d, 32 x int8}, Q4_0 = {f16 d, 16 bytes of nibbles}. */
const blockBytes: Record<GgmlType, number> = { F32: 4, F16: 2, Q8_0: 34, Q4_0: 18 };

/** The stored size of `elements` values of `type` (checked to fill whole blocks). */
export function ggmlBytes(type: GgmlType, elements: number): number {
  const block = ggmlBlockSize[type];
  assert(elements % block === 0, `${type} stores blocks of ${block} values; ${elements} is not a multiple`);
  return (elements / block) * blockBytes[type];
}

const float32 = new Float32Array(1);

/** IEEE half bits back to a number (subnormals, infinities and NaN included). */
export function fromFloat16Bits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** Rounds to float32 as ggml's C code computes in float. */
function f32(value: number): number {
  float32[0] = value;
  return float32[0];
}

function encodeQ8Block(values: Float32Array, start: number, out: DataView, at: number): void {
  let amax = 0;
  for (let index = 0; index < 32; index++) amax = Math.max(amax, Math.abs(values[start + index] ?? 0));
  const d = f32(amax / 127);
  const inverse = d === 0 ? 0 : f32(1 / d);
  out.setUint16(at, toFloat16Bits(d), true);
  for (let index = 0; index < 32; index++) {
    const scaled = f32((values[start + index] ?? 0) * inverse);
    // roundf: half away from zero
    out.setInt8(at + 2 + index, Math.sign(scaled) * Math.round(Math.abs(scaled)));
  }
}

function encodeQ4Block(values: Float32Array, start: number, out: DataView, at: number): void {
  let amax = 0;
  let max = 0;
  for (let index = 0; index < 32; index++) {
    const value = values[start + index] ?? 0;
    if (amax < Math.abs(value)) {
      amax = Math.abs(value);
      max = value;
    }
  }
  const d = f32(max / -8);
  const inverse = d === 0 ? 0 : f32(1 / d);
  out.setUint16(at, toFloat16Bits(d), true);
  const quantize = (value: number): number => Math.min(15, Math.trunc(f32(f32(value * inverse) + 8.5)));
  for (let index = 0; index < 16; index++) {
    const low = quantize(values[start + index] ?? 0);
    const high = quantize(values[start + 16 + index] ?? 0);
    out.setUint8(at + 2 + index, low | (high << 4));
  }
}

/**
 * Encodes `values` as `type` into `out` at `offset`, as llama.cpp's reference quantizers do
 * (quantize_row_q8_0_ref, quantize_row_q4_0_ref): Q8_0 d = amax/127, q = round(x/d); Q4_0 d = the
 * value of largest magnitude / -8, q = min(15, trunc(x/d + 8.5)), element j in the low nibble of
 * byte j and element j+16 in its high nibble. Returns the bytes written.
 */
export function encodeGgml(type: GgmlType, values: Float32Array, out: Uint8Array, offset = 0): number {
  const size = ggmlBytes(type, values.length);
  assert(offset + size <= out.length, 'output buffer too small');
  const view = new DataView(out.buffer, out.byteOffset + offset, size);
  if (type === 'F32')
    for (let index = 0; index < values.length; index++) view.setFloat32(index * 4, values[index] ?? 0, true);
  else if (type === 'F16')
    for (let index = 0; index < values.length; index++)
      view.setUint16(index * 2, toFloat16Bits(values[index] ?? 0), true);
  else {
    const encode = type === 'Q8_0' ? encodeQ8Block : encodeQ4Block;
    for (let block = 0; block < values.length / 32; block++) encode(values, block * 32, view, block * blockBytes[type]);
  }
  return size;
}

/** Decodes `elements` values of `type` (dequantize_row_*: Q8_0 q·d, Q4_0 (q-8)·d). */
export function decodeGgml(type: GgmlType, bytes: Uint8Array, elements: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, ggmlBytes(type, elements));
  const values = new Float32Array(elements);
  if (type === 'F32') for (let index = 0; index < elements; index++) values[index] = view.getFloat32(index * 4, true);
  else if (type === 'F16')
    for (let index = 0; index < elements; index++) values[index] = fromFloat16Bits(view.getUint16(index * 2, true));
  else
    for (let block = 0; block < elements / 32; block++) {
      const at = block * blockBytes[type];
      const d = fromFloat16Bits(view.getUint16(at, true));
      for (let index = 0; index < 32; index++) {
        if (type === 'Q8_0') values[block * 32 + index] = view.getInt8(at + 2 + index) * d;
        else {
          const byte = view.getUint8(at + 2 + (index % 16));
          const q = index < 16 ? byte & 0x0f : byte >>> 4;
          values[block * 32 + index] = (q - 8) * d;
        }
      }
    }
  return values;
}
