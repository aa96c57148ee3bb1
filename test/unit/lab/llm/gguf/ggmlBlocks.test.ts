// F16, Q8_0 and Q4_0 as llama.cpp lays them out: exact bytes for hand-made blocks, and every
// dequantized value of a random tensor within its format's error bound.
import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { decodeGgml, encodeGgml, fromFloat16Bits, ggmlBytes, type GgmlType } from '#lab/llm/gguf/ggmlBlocks.ts';

/** 64 blocks of 32 values with scales from 1e-4 to 10, one all-zero block and one outlier per block. */
function randomTensor(seed: number): Float32Array {
  const random = createRandom(seed);
  const values = new Float32Array(64 * 32);
  for (let block = 1; block < 64; block++) {
    const scale = 10 ** (-4 + (5 * block) / 63);
    for (let index = 0; index < 32; index++) values[block * 32 + index] = scale * (2 * random() - 1);
    values[block * 32 + Math.floor(random() * 32)] = scale * (random() < 0.5 ? -3 : 3);
  }
  return values;
}

/** How far the stored f16 scale can be from d: half an f16 step, relative 2^-11 or 2^-25 below f16's normal range. */
function scaleRounding(d: number): number {
  return Math.max(d * 2 ** -11, 2 ** -25);
}

function encode(type: GgmlType, values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(ggmlBytes(type, values.length));
  encodeGgml(type, values, bytes);
  return bytes;
}

/** The stored f16 scale of each 34- or 18-byte block. */
function scales(bytes: Uint8Array, blockBytes: number): number[] {
  const view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / blockBytes }, (_, block) =>
    Math.abs(fromFloat16Bits(view.getUint16(block * blockBytes, true))),
  );
}

describe('ggml blocks', () => {
  it('sizes: F16 2 bytes a value, Q8_0 34 and Q4_0 18 bytes per 32 values; partial blocks refused', () => {
    expect(ggmlBytes('F16', 64)).toBe(128);
    expect(ggmlBytes('Q8_0', 64)).toBe(68);
    expect(ggmlBytes('Q4_0', 64)).toBe(36);
    expect(() => ggmlBytes('Q4_0', 48)).toThrow(/multiple/);
  });

  it('writes Q8_0 as {f16 d, 32 x int8} and Q4_0 with element j low and j+16 high in byte j', () => {
    const values = Float32Array.from({ length: 32 }, (_, index) => index - 16);
    values[0] = -127;
    const q8 = encode('Q8_0', values);
    expect(fromFloat16Bits(q8[0]! | (q8[1]! << 8))).toBe(1);
    expect(new Int8Array(q8.buffer, 2, 32)).toEqual(new Int8Array(values));

    const q4Values = Float32Array.from({ length: 32 }, (_, index) => (index % 16) - 8);
    q4Values[5] = -8; // the largest magnitude is negative: d = -8 / -8 = 1, q = x + 8
    const q4 = encode('Q4_0', q4Values);
    expect(fromFloat16Bits(q4[0]! | (q4[1]! << 8))).toBe(1);
    for (let index = 0; index < 16; index++) {
      const low = (q4Values[index] ?? 0) + 8;
      const high = (q4Values[index + 16] ?? 0) + 8;
      expect(q4[2 + index], `byte ${index}`).toBe(low | (high << 4));
    }
    expect(decodeGgml('Q4_0', q4, 32)).toEqual(q4Values);
  });

  it('F16 keeps every value within half a unit in the last place (relative 2^-11)', () => {
    const values = randomTensor(1);
    const decoded = decodeGgml('F16', encode('F16', values), values.length);
    values.forEach((value, index) => {
      expect(Math.abs((decoded[index] ?? 0) - value)).toBeLessThanOrEqual(Math.abs(value) * 2 ** -11 + 2 ** -25);
    });
  });

  it('Q8_0 keeps every value within d/2 of the original (d = amax/127, plus 127 times the f16 rounding of d)', () => {
    const values = randomTensor(2);
    const bytes = encode('Q8_0', values);
    const decoded = decodeGgml('Q8_0', bytes, values.length);
    const blockScales = scales(bytes, 34);
    let largestShare = 0;
    values.forEach((value, index) => {
      const d = blockScales[Math.floor(index / 32)] ?? 0;
      const error = Math.abs((decoded[index] ?? 0) - value);
      expect(error).toBeLessThanOrEqual(0.5 * d + 127 * scaleRounding(d));
      if (d > 0) largestShare = Math.max(largestShare, error / d);
    });
    expect(largestShare).toBeGreaterThan(0.4); // the bound is tight: some value is near half a step off
    expect(blockScales[0]).toBe(0);
  });

  it('Q4_0 keeps values within d/2, and the far extreme (clamped to 15) within d, of the original', () => {
    const values = randomTensor(3);
    const bytes = encode('Q4_0', values);
    const decoded = decodeGgml('Q4_0', bytes, values.length);
    const blockScales = scales(bytes, 18);
    let clamped = 0;
    values.forEach((value, index) => {
      const d = blockScales[Math.floor(index / 32)] ?? 0;
      const error = Math.abs((decoded[index] ?? 0) - value);
      const rounding = 8 * scaleRounding(d);
      const isFarExtreme = d > 0 && Math.abs(value) > 7.5 * d && error > 0.5 * d + rounding;
      if (isFarExtreme) clamped++;
      expect(error, `value ${index}`).toBeLessThanOrEqual((isFarExtreme ? 1 : 0.5) * d + rounding);
    });
    expect(clamped).toBeLessThan(values.length / 100);
  });
});
