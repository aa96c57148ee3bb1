import { assert } from '#core/errors.ts';
import { encodeGgml, ggmlBytes, ggmlTypeCodes, type GgmlType } from './ggmlBlocks.ts';

/** A metadata value with its GGUF type; arrays hold one item type. */
export type GgufValue =
  | { type: 'string'; value: string }
  | { type: 'uint32'; value: number }
  | { type: 'int32'; value: number }
  | { type: 'float32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string-array'; value: readonly string[] }
  | { type: 'float32-array'; value: ArrayLike<number> }
  | { type: 'int32-array'; value: ArrayLike<number> };

/** One metadata key/value pair, e.g. `{ key: 'general.architecture', value: { type: 'string', value: 'llama' } }`. */
export type GgufMetadataEntry = { key: string; value: GgufValue };

/** How a tensor's numbers are stored in the file. */
export type GgufTensorType = GgmlType;

/** A tensor's name, row-major shape and storage type: what the header says about it. */
export type GgufTensorInfo = { name: string; shape: readonly number[]; type: GgufTensorType };

/**
 * A tensor in row-major order: `shape` is the PyTorch-style shape (`[out, in]` for a linear layer),
 * written to the file reversed because GGUF lists the contiguous axis first.
 */
export type GgufTensor = { name: string; shape: readonly number[]; type: GgufTensorType; data: Float32Array };

/** Everything a GGUF file holds besides its header. */
export type GgufDescription = { metadata: readonly GgufMetadataEntry[]; tensors: readonly GgufTensor[] };

/** GGUF's default `general.alignment`, used for the tensor data section and each tensor in it. */
export const ggufAlignment = 32;

const magic = 0x46554747; // "GGUF" read as a little-endian u32
const version = 3;
const valueTypeCodes: Record<GgufValue['type'], number> = {
  uint32: 4,
  int32: 5,
  float32: 6,
  bool: 7,
  string: 8,
  'string-array': 9,
  'float32-array': 9,
  'int32-array': 9,
};
const encoder = new TextEncoder();

/** Rounds an offset up to the next multiple of {@link ggufAlignment}. */
export function alignUp(offset: number): number {
  return Math.ceil(offset / ggufAlignment) * ggufAlignment;
}

function stringSize(text: string): number {
  return 8 + encoder.encode(text).length;
}

function valueSize(value: GgufValue): number {
  switch (value.type) {
    case 'string':
      return stringSize(value.value);
    case 'bool':
      return 1;
    case 'uint32':
    case 'int32':
    case 'float32':
      return 4;
    case 'string-array':
      return 12 + value.value.reduce((total, item) => total + stringSize(item), 0);
    case 'float32-array':
    case 'int32-array':
      return 12 + 4 * value.value.length;
  }
}

/** A little-endian cursor over one preallocated buffer. */
class ByteWriter {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  offset = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  uint32(value: number): void {
    this.view.setUint32(this.offset, value, true);
    this.offset += 4;
  }

  uint64(value: number): void {
    this.view.setBigUint64(this.offset, BigInt(value), true);
    this.offset += 8;
  }

  int32(value: number): void {
    this.view.setInt32(this.offset, value, true);
    this.offset += 4;
  }

  float32(value: number): void {
    this.view.setFloat32(this.offset, value, true);
    this.offset += 4;
  }

  string(text: string): void {
    const encoded = encoder.encode(text);
    this.uint64(encoded.length);
    this.bytes.set(encoded, this.offset);
    this.offset += encoded.length;
  }

  value(value: GgufValue): void {
    switch (value.type) {
      case 'string':
        return this.string(value.value);
      case 'bool':
        this.bytes[this.offset] = value.value ? 1 : 0;
        this.offset += 1;
        return;
      case 'uint32':
        return this.uint32(value.value);
      case 'int32':
        return this.int32(value.value);
      case 'float32':
        return this.float32(value.value);
      case 'string-array':
        this.uint32(valueTypeCodes.string);
        this.uint64(value.value.length);
        for (const item of value.value) this.string(item);
        return;
      case 'float32-array':
      case 'int32-array': {
        const isFloat = value.type === 'float32-array';
        this.uint32(isFloat ? valueTypeCodes.float32 : valueTypeCodes.int32);
        this.uint64(value.value.length);
        for (let index = 0; index < value.value.length; index++) {
          const item = value.value[index] ?? 0;
          if (isFloat) this.float32(item);
          else this.int32(item);
        }
        return;
      }
    }
  }
}

/** A serialised header (padded to the data section) and where each tensor's data starts in that section. */
export type GgufHeader = { bytes: Uint8Array; dataOffsets: number[]; dataSize: number };

/**
 * Serialises the header of a GGUF v3 file (little-endian): magic, version, counts, metadata and
 * tensor infos, zero-padded to the 32-byte aligned start of the data section, in which each tensor
 * starts on a 32-byte boundary.
 */
export function encodeGgufHeader(
  metadata: readonly GgufMetadataEntry[],
  tensors: readonly GgufTensorInfo[],
): GgufHeader {
  const keys = new Set(metadata.map((entry) => entry.key));
  assert(keys.size === metadata.length, 'GGUF metadata keys must be unique');
  let headerSize = 24;
  for (const entry of metadata) headerSize += stringSize(entry.key) + 4 + valueSize(entry.value);
  const dataOffsets: number[] = [];
  let dataSize = 0;
  for (const tensor of tensors) {
    const elements = tensor.shape.reduce((product, size) => product * size, 1);
    headerSize += stringSize(tensor.name) + 4 + 8 * tensor.shape.length + 4 + 8;
    dataOffsets.push(dataSize);
    dataSize = alignUp(dataSize + ggmlBytes(tensor.type, elements));
  }
  const writer = new ByteWriter(alignUp(headerSize));
  writer.uint32(magic);
  writer.uint32(version);
  writer.uint64(tensors.length);
  writer.uint64(metadata.length);
  for (const entry of metadata) {
    writer.string(entry.key);
    writer.uint32(valueTypeCodes[entry.value.type]);
    writer.value(entry.value);
  }
  tensors.forEach((tensor, index) => {
    writer.string(tensor.name);
    writer.uint32(tensor.shape.length);
    for (const size of [...tensor.shape].reverse()) writer.uint64(size);
    writer.uint32(ggmlTypeCodes[tensor.type]);
    writer.uint64(dataOffsets[index] ?? 0);
  });
  assert(writer.offset === headerSize, 'GGUF header size was miscounted');
  return { bytes: writer.bytes, dataOffsets, dataSize };
}

/**
 * Serialises a whole GGUF v3 file in memory; F16 is rounded to nearest even, Q8_0 and Q4_0 are
 * quantized as llama.cpp's reference quantizers do (see ggmlBlocks.ts).
 */
export function writeGguf(description: GgufDescription): Uint8Array {
  for (const tensor of description.tensors) {
    const elements = tensor.shape.reduce((product, size) => product * size, 1);
    assert(elements === tensor.data.length, `tensor ${tensor.name} has ${tensor.data.length} values, not ${elements}`);
  }
  const header = encodeGgufHeader(description.metadata, description.tensors);
  const bytes = new Uint8Array(header.bytes.length + header.dataSize);
  bytes.set(header.bytes);
  description.tensors.forEach((tensor, index) => {
    encodeGgml(tensor.type, tensor.data, bytes, header.bytes.length + (header.dataOffsets[index] ?? 0));
  });
  return bytes;
}
