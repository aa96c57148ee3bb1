import { access, constants, open, stat } from 'node:fs/promises';
import { readGgufFileInfo, type GgufFileInfo } from 'node-llama-cpp';
import { EngineError } from '#core/errors.ts';

/** Bytes per block and elements per block of the ggml tensor types whose size we check. */
const blockSizes: ReadonlyMap<number, readonly [bytes: number, elements: number]> = new Map([
  [0, [4, 1]], // F32
  [1, [2, 1]], // F16
  [30, [2, 1]], // BF16
  [2, [18, 32]], // Q4_0
  [8, [34, 32]], // Q8_0
  [12, [144, 256]], // Q4_K
  [13, [176, 256]], // Q5_K
  [14, [210, 256]], // Q6_K
]);

function missing(file: string, problem: string): EngineError {
  return new EngineError(
    'model-missing',
    `${problem}: ${file}. Download or build the model again, or choose another file.`,
  );
}

/**
 * Checks a GGUF file before llama.cpp maps it, because llama.cpp may abort the whole process on a
 * bad file: it must exist, be readable, have a parsable header naming an architecture and tensors,
 * and be long enough for the tensors the header lists. Throws EngineError `model-missing`.
 */
export async function checkGgufFile(file: string): Promise<GgufFileInfo> {
  let size: number;
  try {
    await access(file, constants.R_OK);
    const status = await stat(file);
    if (!status.isFile()) throw missing(file, 'Not a model file');
    size = status.size;
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw missing(file, 'Model file not found or not readable');
  }
  await checkHeader(file, size);
  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(file, { sourceType: 'filesystem', readTensorInfo: true, logWarnings: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError('model-missing', `Not a readable GGUF model (${reason}): ${file}. Replace the file.`, {
      cause: error,
    });
  }
  // The reader pads a short file with zeros, so a truncated file can parse as an empty model.
  const architecture = (info.metadata as { general?: { architecture?: string } }).general?.architecture;
  if (!architecture || Number(info.tensorCount) === 0) throw missing(file, 'The file holds no model (truncated?)');
  const end = tensorDataEnd(info);
  if (end > size) throw missing(file, `The file is shorter than its header says (${size} of ${end} bytes)`);
  return info;
}

/**
 * Where the tensor data a GGUF header lists ends, in bytes from the start of the file (a tensor of a
 * type without a known block size counts its first byte). A file shorter than this was cut off.
 */
export function tensorDataEnd(info: Pick<GgufFileInfo, 'infoEndOffset' | 'tensorInfo'>): number {
  // node-llama-cpp's fileOffset already counts from the start of the file.
  let end = info.infoEndOffset ?? 0;
  for (const tensor of info.tensorInfo ?? []) {
    const start = Number(tensor.fileOffset);
    const block = blockSizes.get(Number(tensor.ggmlType));
    const elements = tensor.dimensions.reduce<number>((product, dimension) => product * Number(dimension), 1);
    end = Math.max(end, block ? start + Math.ceil(elements / block[1]) * block[0] : start + 1);
  }
  return end;
}

/**
 * The fixed header: magic `GGUF`, version 2 or 3, and tensor and metadata counts the file could
 * hold (every tensor and key takes at least 8 bytes). node-llama-cpp's reader pads a short file
 * with zeros and would try to read billions of entries from a garbage count.
 */
async function checkHeader(file: string, size: number): Promise<void> {
  const header = Buffer.alloc(24);
  const handle = await open(file, 'r');
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(header, 0, 24, 0));
  } finally {
    await handle.close();
  }
  if (read < 24 || header.toString('latin1', 0, 4) !== 'GGUF') throw missing(file, 'Not a GGUF file');
  const version = header.readUInt32LE(4);
  if (version !== 2 && version !== 3) throw missing(file, `Unsupported GGUF version ${version}`);
  const tensors = header.readBigUInt64LE(8);
  const keys = header.readBigUInt64LE(16);
  if ((tensors + keys) * 8n > BigInt(size)) throw missing(file, 'The GGUF header is corrupt (impossible counts)');
}
