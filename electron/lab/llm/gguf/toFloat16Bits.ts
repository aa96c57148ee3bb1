const float32 = new Float32Array(1);
const bits32 = new Uint32Array(float32.buffer);

/**
 * The IEEE half-precision bits of a number, rounded to nearest even as numpy's `astype(float16)`
 * does (llama.cpp's converter stores F16 weights that way). Overflow becomes infinity.
 */
export function toFloat16Bits(value: number): number {
  float32[0] = value;
  const bits = bits32[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    // Subnormal: shift the mantissa (with its implicit 1) right and round to nearest even.
    const full = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    const rounded = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    const roundsUp = remainder > halfway || (remainder === halfway && (rounded & 1) === 1);
    return sign | (rounded + (roundsUp ? 1 : 0));
  }
  const rounded = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  const roundsUp = remainder > 0x1000 || (remainder === 0x1000 && (rounded & 1) === 1);
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  return sign | (rounded + (roundsUp ? 1 : 0));
}
