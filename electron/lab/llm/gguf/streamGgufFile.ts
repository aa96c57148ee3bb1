import { open, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError } from '#core/errors.ts';
import { encodeGgml, ggmlBytes } from './ggmlBlocks.ts';
import { alignUp, encodeGgufHeader, type GgufMetadataEntry, type GgufTensorInfo } from './writeGguf.ts';

/** A tensor whose values are produced chunk by chunk: `fill` writes values `offset..offset+length`. */
export type StreamedTensor = GgufTensorInfo & { fill: (values: Float32Array, offset: number) => void };

/** How far a streamed write has come. */
export type GgufStreamProgress = { tensorsWritten: number; tensors: number; bytesWritten: number; bytes: number };

/** Options of {@link streamGgufFile}. */
export type StreamGgufOptions = {
  /** Called after each chunk written. Defaults to none. */
  onProgress?: (progress: GgufStreamProgress) => void;
  signal?: AbortSignal;
};

/** Values generated and encoded per write: about 4 MB of float32, whatever the model's size. */
const chunkValues = 1 << 20;

/**
 * Writes a GGUF v3 file tensor by tensor without holding the model in memory: the header first,
 * then each tensor's values generated, encoded and written in chunks of whole rows. The file is
 * written beside its name as `.partial` and renamed when complete, so a loader never maps half a
 * model. Returns the file's size.
 */
export async function streamGgufFile(
  file: string,
  metadata: readonly GgufMetadataEntry[],
  tensors: readonly StreamedTensor[],
  options: StreamGgufOptions = {},
): Promise<number> {
  const header = encodeGgufHeader(metadata, tensors);
  const total = header.bytes.length + header.dataSize;
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const handle = await open(partial, 'w');
  let position = 0;
  const write = async (bytes: Uint8Array): Promise<void> => {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position);
      done += bytesWritten;
      position += bytesWritten;
    }
  };
  try {
    await write(header.bytes);
    for (const [index, tensor] of tensors.entries()) {
      if (options.signal?.aborted) throw new CancelledError();
      await writeTensor(tensor, write);
      const padding = alignUp(position) - position;
      if (padding > 0) await write(new Uint8Array(padding));
      options.onProgress?.({
        tensorsWritten: index + 1,
        tensors: tensors.length,
        bytesWritten: position,
        bytes: total,
      });
    }
    await handle.close();
    await rename(partial, file);
    return total;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

async function writeTensor(tensor: StreamedTensor, write: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  const elements = tensor.shape.reduce((product, size) => product * size, 1);
  const rowLength = tensor.shape.at(-1) ?? 1;
  const rowsPerChunk = Math.max(1, Math.floor(chunkValues / rowLength));
  const values = new Float32Array(Math.min(elements, rowsPerChunk * rowLength));
  const encoded = new Uint8Array(ggmlBytes(tensor.type, values.length));
  for (let offset = 0; offset < elements; offset += values.length) {
    const chunk = values.subarray(0, Math.min(values.length, elements - offset));
    tensor.fill(chunk, offset);
    const size = encodeGgml(tensor.type, chunk, encoded);
    await write(encoded.subarray(0, size));
  }
}
