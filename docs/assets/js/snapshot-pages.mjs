// The calculator's Pyodide memory snapshot, stored without its empty pages
// and gzipped. Half of an interpreter's 30 MB of memory is zeros; leaving
// those pages out halves it, and gzip takes the rest from 15.8 to about 6 MB.
// The file carries its own compression because hosts seldom compress binary
// files; the browser's native DecompressionStream undoes it as it downloads.
// hooks/pyodide_snapshot.mjs packs at build time; the worker unpacks as the
// bytes arrive, into a buffer Pyodide already holds (see unpackStream).
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
export const gunzipped = (response) => response.body.pipeThrough(new DecompressionStream("gzip"));

const corrupt = (why) => new Error(`corrupt snapshot: ${why}`);

// Rebuilds the memory from packed bytes pushed in pieces of any size. The
// buffer (`memory`) exists as soon as the header is in; the first page, which
// holds Pyodide's own header, is written only by `end()`, once every other
// page is in place, so a buffer left unfinished is one Pyodide refuses.
class Unpacker {
  memory = null;
  #head = new Uint8Array(0); // the header and page list, gathered until complete
  #pages = null;
  #first = null;
  #page = 0; // the page being written, as an index into #pages
  #at = 0; // bytes of it written so far

  push(chunk) {
    if (this.#pages === null) {
      chunk = this.#readHead(chunk);
      if (chunk === null) return;
    }
    const total = this.memory.length;
    for (let read = 0; read < chunk.length;) {
      if (this.#page === this.#pages.length) throw corrupt("trailing bytes");
      const number = this.#pages[this.#page];
      const length = pageEnd(number, total) - number * PAGE;
      const part = chunk.subarray(read, read + Math.min(length - this.#at, chunk.length - read));
      if (number === 0) this.#first.set(part, this.#at);
      else this.memory.set(part, number * PAGE + this.#at);
      read += part.length;
      this.#at += part.length;
      if (this.#at === length) {
        this.#page += 1;
        this.#at = 0;
      }
    }
  }

  end() {
    if (this.#pages === null) throw corrupt(this.#head.length < HEADER_WORDS * 4 ? "too short" : "page list cut short");
    if (this.#page < this.#pages.length) throw corrupt("pages cut short");
    if (this.#first !== null) this.memory.set(this.#first, 0);
    return this.memory;
  }

  // The bytes after the page list, or null while it is still incomplete.
  #readHead(chunk) {
    let bytes = chunk;
    if (this.#head.length > 0) {
      bytes = new Uint8Array(this.#head.length + chunk.length);
      bytes.set(this.#head);
      bytes.set(chunk, this.#head.length);
    }
    this.#head = bytes;
    if (bytes.length < HEADER_WORDS * 4) return null;
    const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const [magic, total, pageSize, count] = [0, 1, 2, 3].map((i) => words.getUint32(i * 4, true));
    if (magic !== MAGIC) throw corrupt("not a packed snapshot");
    if (pageSize !== PAGE) throw corrupt(`page size ${pageSize}`);
    const bodyStart = (HEADER_WORDS + count) * 4;
    if (bytes.length < bodyStart) return null;
    // A copy: the chunk's offset need not be a multiple of 4.
    const pages = new Uint32Array(bytes.slice(HEADER_WORDS * 4, bodyStart).buffer);
    pages.forEach((number, i) => {
      if (number * PAGE >= total || (i > 0 && number <= pages[i - 1])) {
        throw corrupt(`page ${number} out of order or range`);
      }
    });
    this.#pages = pages;
    if (pages[0] === 0) this.#first = new Uint8Array(pageEnd(0, total));
    this.memory = new Uint8Array(total);
    return bytes.subarray(bodyStart);
  }
}

// Unpacks a stream of packed bytes as they arrive. `memory` resolves as soon
// as the header is in, with the full-size buffer still being filled: Pyodide
// can size and start its WebAssembly meanwhile. `filled` resolves once the
// buffer is complete, and rejects if the stream is corrupt or cut short.
export const unpackStream = (stream) => {
  const unpacker = new Unpacker();
  let sized;
  const memory = new Promise((resolve, reject) => {
    sized = { resolve, reject };
  });
  const filled = (async () => {
    const reader = stream.getReader();
    try {
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        unpacker.push(next.value);
        if (unpacker.memory !== null) sized.resolve(unpacker.memory);
      }
      return unpacker.end();
    } catch (error) {
      sized.reject(error);
      reader.cancel().catch(() => {});
      throw error;
    }
  })();
  return { memory, filled };
};
