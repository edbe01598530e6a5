/**
 * Draws the web app's icons (issue 16, item 2: installable on a phone) into apps/web/public/icons: one SVG and the
 * PNG sizes the manifest names (192 and 512 px, and a 512 px "maskable" one whose picture keeps inside the central
 * 80 % a launcher may crop to). No image library: the shapes (three linked clusters on the app's blue) are sampled
 * 4 x 4 per pixel and written as PNG with Node's zlib. Run: node apps/web/scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BLUE = [11, 92, 173];
const WHITE = [255, 255, 255];

/** The picture in unit coordinates (0..1): three nodes and the links between them. */
const NODES = [
  [0.5, 0.3],
  [0.28, 0.68],
  [0.72, 0.68],
];
const NODE_R = 0.11;
const LINK_W = 0.045;

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether a point of the picture is white. */
function ink(x, y) {
  if (NODES.some(([nx, ny]) => Math.hypot(x - nx, y - ny) <= NODE_R)) return true;
  for (let i = 0; i < NODES.length; i++)
    if (distToSegment(x, y, NODES[i], NODES[(i + 1) % NODES.length]) <= LINK_W / 2) return true;
  return false;
}

/** Whether a point lies inside the rounded square (radius `r`), or anywhere when `r` is 0 (full bleed). */
function inside(x, y, r) {
  if (r === 0) return true;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** RGBA pixels of the icon at `size`; `scale` shrinks the picture about the centre (maskable safe zone). */
function draw(size, { corner, scale }) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      let bg = 0;
      let white = 0;
      for (let sj = 0; sj < S; sj++)
        for (let si = 0; si < S; si++) {
          const x = (i + (si + 0.5) / S) / size;
          const y = (j + (sj + 0.5) / S) / size;
          if (!inside(x, y, corner)) continue;
          bg++;
          if (ink(0.5 + (x - 0.5) / scale, 0.5 + (y - 0.5) / scale)) white++;
        }
      const o = (j * size + i) * 4;
      const cover = bg / (S * S);
      const w = bg ? white / bg : 0;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BLUE[c] * (1 - w) + WHITE[c] * w);
      px[o + 3] = Math.round(cover * 255);
    }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) rgba.copy(rows, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" rx="18" fill="rgb(${BLUE.join(',')})"/>
  <path d="M${NODES.map(([x, y]) => `${x * 100} ${y * 100}`).join('L')}Z" fill="none" stroke="#fff" stroke-width="${LINK_W * 100}"/>
${NODES.map(([x, y]) => `  <circle cx="${x * 100}" cy="${y * 100}" r="${NODE_R * 100}" fill="#fff"/>`).join('\n')}
</svg>
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg);
for (const size of [192, 512])
  writeFileSync(join(OUT, `icon-${size}.png`), png(size, draw(size, { corner: 0.18, scale: 1 })));
writeFileSync(join(OUT, 'icon-maskable-512.png'), png(512, draw(512, { corner: 0, scale: 0.8 })));
console.log(`icons written to ${OUT}`);
