import { describe, expect, it } from 'vitest';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import { mergeSentencePieceSymbols } from '#lab/llm/gguf/mergeSentencePieceSymbols.ts';
import { planMergePieces } from '#lab/llm/gguf/planMergePieces.ts';
import { toFloat16Bits } from '#lab/llm/gguf/toFloat16Bits.ts';
import { writeGguf } from '#lab/llm/gguf/writeGguf.ts';

describe('the SentencePiece vocabulary', () => {
  it('lays out special, byte, space and character tokens first', () => {
    const vocabulary = LlamaVocabulary.create({ characters: 'ab\n' });
    expect(vocabulary.entries.slice(0, 4).map((entry) => entry.piece)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(vocabulary.entries[258]).toEqual({ piece: '<0xFF>', score: 0, type: 'byte' });
    expect(vocabulary.entries.slice(259).map((entry) => entry.piece)).toEqual(['▁', 'a', 'b', '\n']);
    expect(vocabulary.tokenize('a b\tc')).toEqual([260, 259, 261, vocabulary.byteId(9), vocabulary.byteId(0x63)]);
  });

  it('plans each prefix of a wanted piece, scored by its length', () => {
    expect(planMergePieces(['calc', 'ca▁', '12'])).toEqual([
      { piece: 'ca', score: 2 },
      { piece: 'cal', score: 3 },
      { piece: 'calc', score: 4 },
      { piece: 'ca▁', score: 3 },
      { piece: '12', score: 2 },
    ]);
  });

  it('merges the highest score first, then the leftmost pair', () => {
    const scores = new Map([
      ['ab', 1],
      ['bc', 1],
      ['cd', 5],
    ]);
    expect(mergeSentencePieceSymbols([...'abcd'], (piece) => scores.get(piece))).toEqual(['ab', 'cd']);
    expect(mergeSentencePieceSymbols([...'abc'], (piece) => scores.get(piece))).toEqual(['ab', 'c']);
    // A piece is only reached through pieces: without "ca" or "al"/"lc", "calc" stays in characters.
    expect(mergeSentencePieceSymbols([...'calc'], (piece) => (piece === 'calc' ? 9 : undefined))).toEqual([...'calc']);
  });

  it('turns every wanted piece into one token, digits pairing from the left', () => {
    const pieces = ['[[call: ', 'calc', '00', '12', '23', '34'];
    const vocabulary = LlamaVocabulary.create({ pieces });
    for (const piece of pieces) expect(vocabulary.tokenize(piece)).toHaveLength(1);
    expect(vocabulary.tokenize('1234').map((token) => vocabulary.entries[token]?.piece)).toEqual(['12', '34']);
    expect(vocabulary.detokenize(vocabulary.tokenize('[[call: calc'))).toBe('[[call: calc');
  });
});

describe('the GGUF writer', () => {
  it('rounds to half precision like numpy', () => {
    const cases: [number, number][] = [
      [0, 0],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [65504, 0x7bff],
      [65520, 0x7c00],
      [Infinity, 0x7c00],
      [2 ** -24, 0x0001],
      [2 ** -25, 0],
      [1 + 2 ** -11, 0x3c00],
      [1 + 3 * 2 ** -11, 0x3c02],
    ];
    for (const [value, bits] of cases) expect(toFloat16Bits(value), String(value)).toBe(bits);
  });

  it('writes the header, metadata and aligned tensor data', () => {
    const bytes = writeGguf({
      metadata: [{ key: 'a', value: { type: 'uint32', value: 7 } }],
      tensors: [
        { name: 'w', shape: [2, 3], type: 'F32', data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
        { name: 'h', shape: [1], type: 'F16', data: Float32Array.from([1]) },
      ],
    });
    const view = new DataView(bytes.buffer);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('GGUF');
    expect([view.getUint32(4, true), Number(view.getBigUint64(8, true)), Number(view.getBigUint64(16, true))]).toEqual([
      3, 2, 1,
    ]);
    // Tensor "w": name, n_dims 2, dims reversed {3, 2}, type 0, offset 0.
    const tensorInfo = 24 + 8 + 1 + 4 + 4;
    expect(Number(view.getBigUint64(tensorInfo + 8 + 1 + 4, true))).toBe(3);
    expect(Number(view.getBigUint64(tensorInfo + 8 + 1 + 12, true))).toBe(2);
    expect(bytes.length % 32).toBe(0);
    const dataStart = bytes.length - 64;
    expect(view.getFloat32(dataStart + 20, true)).toBe(6);
    expect(view.getUint16(dataStart + 32, true)).toBe(0x3c00);
  });
});
