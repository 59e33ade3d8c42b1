// The calculator's Pyodide memory snapshot, stored without its empty pages
// and gzipped. Half of an interpreter's 30 MB of memory is zeros; leaving
// those pages out halves it, and gzip takes the rest from 15.8 to about 6 MB.
// The file carries its own compression because hosts seldom compress binary
// files; the browser's native DecompressionStream undoes it as it downloads.
// hooks/pyodide_snapshot.mjs packs at build time; the worker unpacks.
// CompressionStream and DecompressionStream exist in browsers and in Node.js.
//
// Layout (little-endian uint32s, then bytes):
//   MAGIC, total length, page size, k, k ascending page numbers, k pages
// The last page may be shorter than the page size (the snapshot's tail).

// Its name in assets/calculator/, for the build step that writes it and the worker that reads it.
export const SNAPSHOT_FILE = "snapshot.bin";
// What the restored interpreter starts with in place of the standard library
// (it has already imported what the calculator uses): a zip of no files, which
// is only its 22-byte end record. Written and read beside the snapshot.
export const EMPTY_STDLIB_FILE = "empty-stdlib.zip";
export const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

const MAGIC = 0x31505347; // "GSP1"
const PAGE = 4096;
const HEADER_WORDS = 4;

const pageEnd = (number, total) => Math.min((number + 1) * PAGE, total);

export const pack = (snapshot) => {
  const total = snapshot.length;
  const pages = [];
  for (let start = 0; start < total; start += PAGE) {
    const page = snapshot.subarray(start, Math.min(start + PAGE, total));
    if (page.some((byte) => byte !== 0)) pages.push(start / PAGE);
  }
  const bodyStart = (HEADER_WORDS + pages.length) * 4;
  const bodyLength = pages.reduce((sum, number) => sum + pageEnd(number, total) - number * PAGE, 0);
  const packed = new Uint8Array(bodyStart + bodyLength);
  const words = new Uint32Array(packed.buffer, 0, HEADER_WORDS + pages.length);
  words.set([MAGIC, total, PAGE, pages.length]);
  words.set(pages, HEADER_WORDS);
  let at = bodyStart;
  for (const number of pages) {
    const page = snapshot.subarray(number * PAGE, pageEnd(number, total));
    packed.set(page, at);
    at += page.length;
  }
  return packed;
};

export const gzip = async (bytes) =>
  new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());

// A fetched response's body, gunzipped as it arrives.
export const gunzip = (response) => new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();

export const unpack = (buffer) => {
  const bytes = new Uint8Array(buffer);
  const corrupt = (why) => new Error(`corrupt snapshot: ${why}`);
  if (bytes.length < HEADER_WORDS * 4) throw corrupt("too short");
  const [magic, total, pageSize, count] = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  if (magic !== MAGIC) throw corrupt("not a packed snapshot");
  if (pageSize !== PAGE) throw corrupt(`page size ${pageSize}`);
  const bodyStart = (HEADER_WORDS + count) * 4;
  if (bytes.length < bodyStart) throw corrupt("page list cut short");
  const pages = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER_WORDS * 4, count);
  const memory = new Uint8Array(total);
  let at = bodyStart;
  let previous = -1;
  for (const number of pages) {
    if (number <= previous || number * PAGE >= total) throw corrupt(`page ${number} out of order or range`);
    const length = pageEnd(number, total) - number * PAGE;
    if (at + length > bytes.length) throw corrupt("pages cut short");
    memory.set(bytes.subarray(at, at + length), number * PAGE);
    at += length;
    previous = number;
  }
  if (at !== bytes.length) throw corrupt("trailing bytes");
  return memory;
};
