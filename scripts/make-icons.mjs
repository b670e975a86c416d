// The app icon: a small vector drawing (below) rendered in pure Node, with no image tools, to every file the
// installers need. Its output is committed in assets/icons/; run this script again after changing the drawing.
//
//   node scripts/make-icons.mjs           writes assets/icons/ (icon.png 1024 px, png/NxN.png, icon.ico, icon.icns)
//   node scripts/make-icons.mjs --check   exits 1 if the committed files do not match the drawing
//
// Every size is rendered from the vector shapes (signed distance fields, one pixel of anti-aliasing), not scaled
// down from the big one, so the small icons stay sharp. Only + - * / and Math.sqrt are used, so the pixels are the
// same on every machine; the PNGs are compared by their pixels, not their zlib bytes, in --check.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_DIR = path.join(root, 'assets', 'icons');

/** Linux icon theme sizes (assets/icons/png/NxN.png). */
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
/** Windows .ico entries; 256 is stored as PNG, the others as 32-bit BMP (what every Windows version reads). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** macOS .icns entries: OSType → pixel size (PNG payloads). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

// ---------------------------------------------------------------------------------------------------------------
// The drawing, on a 1024 × 1024 canvas: a blue-to-violet rounded square (macOS-style margin), a photo card with a
// second card behind it (a library of media), and a green upload badge.

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];

function roundedBox(cx, cy, hw, hh, r) {
  return (x, y) => {
    const qx = Math.abs(x - cx) - (hw - r);
    const qy = Math.abs(y - cy) - (hh - r);
    const ox = Math.max(qx, 0);
    const oy = Math.max(qy, 0);
    return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

function circle(cx, cy, r) {
  return (x, y) => Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) - r;
}

/** A convex polygon (points clockwise on screen), as the largest distance to its edges' lines. */
function polygon(points) {
  const edges = points.map(([x0, y0], i) => {
    const [x1, y1] = points[(i + 1) % points.length];
    const len = Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
    return { x0, y0, nx: (y1 - y0) / len, ny: -(x1 - x0) / len };
  });
  return (x, y) => {
    let d = -Infinity;
    for (const e of edges) d = Math.max(d, (x - e.x0) * e.nx + (y - e.y0) * e.ny);
    return d;
  };
}

const intersect = (a, b) => (x, y) => Math.max(a(x, y), b(x, y));
const union = (a, b) => (x, y) => Math.min(a(x, y), b(x, y));

/** A linear gradient from (x0, y0) to (x1, y1). */
function gradient(x0, y0, c0, x1, y1, c1) {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / len2));
    return [0, 1, 2, 3].map((i) => c0[i] + (c1[i] - c0[i]) * t);
  };
}

const background = roundedBox(512, 512, 412, 412, 186);
const backCard = roundedBox(572, 436, 262, 196, 44);
const frontCard = roundedBox(478, 566, 282, 212, 48);
const picture = roundedBox(478, 566, 240, 170, 22);
const farMountain = intersect(picture, polygon([[430, 736], [566, 560], [700, 736]]));
const nearMountain = intersect(picture, polygon([[236, 736], [380, 528], [524, 736]]));
const sun = circle(600, 486, 46);
const badge = circle(742, 742, 132);
const badgeRing = circle(742, 742, 152);
const arrow = union(polygon([[742, 648], [818, 730], [666, 730]]), roundedBox(742, 768, 24, 68, 6));

/** Bottom to top: each layer's shape and its colour (a colour or a function of the position). */
export const LAYERS = [
  { shape: background, fill: gradient(180, 120, hex('#2563eb'), 860, 920, hex('#7c3aed')) },
  { shape: backCard, fill: hex('#ffffff', 0.38) },
  { shape: frontCard, fill: hex('#ffffff') },
  { shape: picture, fill: gradient(0, 396, hex('#dbeafe'), 0, 736, hex('#bfdbfe')) },
  { shape: sun, fill: hex('#f59e0b'), clip: picture },
  { shape: farMountain, fill: hex('#60a5fa') },
  { shape: nearMountain, fill: hex('#2563eb') },
  { shape: badgeRing, fill: hex('#ffffff') },
  { shape: badge, fill: hex('#10b981') },
  { shape: arrow, fill: hex('#ffffff') },
];

/** Renders the drawing at size × size: RGBA, straight (not premultiplied) alpha. */
export function render(size) {
  const scale = 1024 / size;
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * scale;
      const y = (py + 0.5) * scale;
      // Premultiplied "over" compositing.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of LAYERS) {
        let d = layer.shape(x, y);
        if (layer.clip) d = Math.max(d, layer.clip(x, y));
        const coverage = Math.min(1, Math.max(0, 0.5 - d / scale));
        if (coverage === 0) continue;
        const c = typeof layer.fill === 'function' ? layer.fill(x, y) : layer.fill;
        const alpha = c[3] * coverage;
        r = c[0] * alpha + r * (1 - alpha);
        g = c[1] * alpha + g * (1 - alpha);
        b = c[2] * alpha + b * (1 - alpha);
        a = alpha + a * (1 - alpha);
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
      out[i + 3] = Math.round(a * 255);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Containers: PNG (RGBA, 8 bit, no filter), ICO (BMP entries + one PNG), ICNS (PNG entries).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Decodes the PNGs this script writes (RGBA, 8 bit, non-interlaced, any filter), for --check. */
export function decodePng(png) {
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('Only 8-bit RGBA non-interlaced PNGs are read here.');
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const left = x >= 4 ? out[y * stride + x - 4] : 0;
      const up = y > 0 ? out[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

/** A 32-bit BMP icon entry: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, then the 1-bit AND mask. */
function bmpEntry(rgba, size) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(size * size * 4, 20);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = ((size - 1 - y) * size + x) * 4;
      const to = (y * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  const maskStride = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskStride * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (rgba[((size - 1 - y) * size + x) * 4 + 3] === 0) mask[y * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, pixels, mask]);
}

export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  const payloads = images.map(({ size, rgba, png }) => (size >= 256 ? png : bmpEntry(rgba, size)));
  let offset = 6 + directory.length;
  images.forEach(({ size }, i) => {
    const entry = i * 16;
    directory[entry] = size >= 256 ? 0 : size;
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4); // planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(payloads[i].length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += payloads[i].length;
  });
  return Buffer.concat([header, directory, ...payloads]);
}

export function encodeIcns(entries) {
  const chunks = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

// ---------------------------------------------------------------------------------------------------------------

/** Every output file: its path under assets/icons/ and its bytes, plus the pixels of each PNG for --check. */
export function makeIcons() {
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s), 1024])];
  const rendered = new Map(sizes.map((size) => {
    const rgba = render(size);
    return [size, { size, rgba, png: encodePng(rgba, size, size) }];
  }));
  const get = (size) => rendered.get(size);
  const files = new Map();
  files.set('icon.png', get(1024).png);
  for (const size of LINUX_SIZES) files.set(`png/${size}x${size}.png`, get(size).png);
  files.set('icon.ico', encodeIco(ICO_SIZES.map(get)));
  files.set('icon.icns', encodeIcns(ICNS_TYPES.map(([type, size]) => [type, get(size).png])));
  return { files, rendered };
}

/** Committed files that differ from the drawing (PNGs compared by pixels, ±1 per channel). */
export function staleIcons(dir = ICON_DIR) {
  const { files, rendered } = makeIcons();
  const stale = [];
  for (const [name, bytes] of files) {
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      stale.push(`${name} (missing)`);
      continue;
    }
    const committed = readFileSync(file);
    if (name.endsWith('.png')) {
      const size = Number(/(\d+)x\d+\.png$/.exec(name)?.[1] ?? 1024);
      let decoded;
      try {
        decoded = decodePng(committed);
      } catch (err) {
        stale.push(`${name} (${err.message})`);
        continue;
      }
      const expected = rendered.get(size).rgba;
      const same = decoded.width === size && decoded.height === size && decoded.rgba.every((v, i) => Math.abs(v - expected[i]) <= 1);
      if (!same) stale.push(name);
    } else if (!committed.equals(bytes)) {
      // ICO and ICNS embed PNGs: compare their structure and pixels through the PNGs they hold.
      if (!sameContainer(name, committed, bytes)) stale.push(name);
    }
  }
  return stale;
}

function sameContainer(name, committed, fresh) {
  const pngsOf = (buf) => {
    const out = [];
    if (name.endsWith('.icns')) {
      for (let o = 8; o + 8 <= buf.length; o += buf.readUInt32BE(o + 4)) out.push([buf.toString('latin1', o, o + 4), buf.subarray(o + 8, o + buf.readUInt32BE(o + 4))]);
    } else {
      const count = buf.readUInt16LE(4);
      for (let i = 0; i < count; i++) {
        const e = 6 + i * 16;
        out.push([`${buf[e]}`, buf.subarray(buf.readUInt32LE(e + 12), buf.readUInt32LE(e + 12) + buf.readUInt32LE(e + 8))]);
      }
    }
    return out;
  };
  const a = pngsOf(committed);
  const b = pngsOf(fresh);
  if (a.length !== b.length) return false;
  return a.every(([typeA, dataA], i) => {
    const [typeB, dataB] = b[i];
    if (typeA !== typeB) return false;
    if (dataA.equals(dataB)) return true;
    if (dataA.readUInt32BE(0) !== 0x89504e47 || dataB.readUInt32BE(0) !== 0x89504e47) return false;
    const pa = decodePng(dataA);
    const pb = decodePng(dataB);
    return pa.width === pb.width && pa.rgba.every((v, j) => Math.abs(v - pb.rgba[j]) <= 1);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleIcons();
    if (stale.length > 0) {
      console.error(`assets/icons/ does not match the drawing in scripts/make-icons.mjs: ${stale.join(', ')}.\nRun: node scripts/make-icons.mjs`);
      process.exit(1);
    }
    console.log('assets/icons/ matches the drawing.');
  } else {
    const { files } = makeIcons();
    for (const [name, bytes] of files) {
      const file = path.join(ICON_DIR, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    console.log(`Wrote ${files.size} files to ${path.relative(process.cwd(), ICON_DIR) || '.'}.`);
  }
}
