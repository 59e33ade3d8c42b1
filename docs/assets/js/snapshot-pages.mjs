// The calculator's Pyodide memory snapshot, stored without its empty pages
// and gzipped. Half of an interpreter's 30 MB of memory is zeros; leaving
// those pages out halves it, and gzip takes the rest from 15.8 to about 6 MB.
// The file carries its own compression because hosts seldom compress binary
// files; the browser's native DecompressionStream undoes it as it downloads.
// hooks/pyodide_snapshot.mjs packs at build time; the calculator's worker
// streams the file in and unpacks it into Pyodide's memory.
// CompressionStream and DecompressionStream exist in browsers and in Node.js.
//
// Layout (little-endian uint32s, then bytes):
//   MAGIC, total length, page size, k, k ascending page numbers, k pages
// The last page may be shorter than the page size (the snapshot's tail).

// Its name in assets/calculator/, for the build step that writes it and the worker that reads it.
export const SNAPSHOT_FILE = "snapshot.bin";

const MAGIC = 0x31505347; // "GSP1"
const PAGE = 4096;
const HEADER_WORDS = 4;
const HEADER_BYTES = HEADER_WORDS * 4;

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

const corrupt = (why) => new Error(`corrupt snapshot: ${why}`);

// The size of the memory a packed snapshot restores, read from its header.
export const snapshotSize = (bytes) => {
  if (bytes.length < HEADER_BYTES) throw corrupt("too short");
  const [magic, total, pageSize] = new Uint32Array(bytes.slice(0, HEADER_BYTES).buffer);
  if (magic !== MAGIC) throw corrupt("not a packed snapshot");
  if (pageSize !== PAGE) throw corrupt(`page size ${pageSize}`);
  return total;
};

const joined = (chunks, length) => {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
};

// The packed snapshot at `url`, gunzipped as it downloads. `onSize` hears the
// memory's size as soon as the header is in, long before the last page.
export const streamSnapshot = async (url, onSize) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  const chunks = [];
  let length = 0;
  let sized = false;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
    length += read.value.length;
    if (!sized && length >= HEADER_BYTES) {
      onSize(snapshotSize(joined(chunks, length)));
      sized = true;
    }
  }
  const packed = joined(chunks, length);
  snapshotSize(packed); // a file too short for a header says so here
  return packed;
};

// Writes a packed snapshot's pages into `memory` (zeros, of the snapshot's size).
export const unpackInto = (memory, bytes) => {
  const total = snapshotSize(bytes);
  if (total !== memory.length) throw corrupt(`${total} bytes, not ${memory.length}`);
  const count = new Uint32Array(bytes.slice(HEADER_BYTES - 4, HEADER_BYTES).buffer)[0];
  const bodyStart = (HEADER_WORDS + count) * 4;
  if (bytes.length < bodyStart) throw corrupt("page list cut short");
  const pages = new Uint32Array(bytes.slice(HEADER_BYTES, bodyStart).buffer);
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

export const unpack = (buffer) => {
  const bytes = new Uint8Array(buffer);
  return unpackInto(new Uint8Array(snapshotSize(bytes)), bytes);
};
