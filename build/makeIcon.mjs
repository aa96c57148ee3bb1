// Draws build/icon.png (512x512 RGBA) from the same shapes as build/icon.svg, with no image
// library: shapes are signed-distance tests, 4x4 supersampled, written as a PNG with node:zlib.
// Run: node build/makeIcon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 512;
const background = [17, 20, 24];
const thread = [45, 212, 191];
const blade = [251, 146, 60];

/** Distance from (x, y) to a rounded square of half-size h and corner radius r centred at 256. */
function roundedSquare(x, y, h, r) {
  const qx = Math.abs(x - 256) - (h - r);
  const qy = Math.abs(y - 256) - (h - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance from (x, y) to the segment a-b, minus half the stroke width. */
function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - halfWidth;
}

/** The colour at one sample point, or null outside the icon. */
function sample(x, y) {
  if (roundedSquare(x, y, 240, 96) > 0) {
    return null;
  }
  // The blade: a diagonal stroke across the ring (Atropos cuts the thread).
  if (segment(x, y, 150, 372, 372, 150, 22) <= 0) {
    return blade;
  }
  // The thread: a ring of radius 150, 36 wide.
  if (Math.abs(Math.hypot(x - 256, y - 256) - 150) <= 18) {
    return thread;
  }
  return background;
}

const grid = 4;
const rows = [];
for (let y = 0; y < size; y += 1) {
  const row = Buffer.alloc(1 + size * 4);
  for (let x = 0; x < size; x += 1) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < grid; sy += 1) {
      for (let sx = 0; sx < grid; sx += 1) {
        const colour = sample(x + (sx + 0.5) / grid, y + (sy + 0.5) / grid);
        if (colour !== null) {
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
    }
    const offset = 1 + x * 4;
    if (covered > 0) {
      row[offset] = Math.round(r / covered);
      row[offset + 1] = Math.round(g / covered);
      row[offset + 2] = Math.round(b / covered);
      row[offset + 3] = Math.round((255 * covered) / (grid * grid));
    }
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) {
    c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(target, png);
console.log(`wrote ${target} (${png.length} bytes)`);
