// The calculator's Pyodide memory snapshot, stored without the pages the
// browser already has. Of an interpreter's 30 MB of memory, half is zeros, and
// some 3 MB are the WebAssembly module's initial data, unchanged since it was
// instantiated: both are left out. A zero page stays zero in the restored
// buffer; a page equal to the initial data is copied from the live module's
// memory as its WebAssembly is instantiated, when it holds nothing else
// (fillBase and atInstantiation below), and checked against the checksum the
// build recorded. A page of initial data
// that Python has changed travels as its difference from that data (the bytes
// XOR the initial ones: mostly zeros), undone once the initial data is there.
// The file is not compressed itself: the build writes its brotli and gzip
// copies beside it (hooks/precompress.py) and the host sends the one the
// browser accepts, which decodes it off the worker's thread (brotli: a third
// fewer bytes than gzip here).
// hooks/pyodide_snapshot.mjs packs at build time; the worker unpacks as the
// bytes arrive, into a buffer Pyodide already holds (see unpackStream).
//
// Layout (little-endian uint32s, then bytes):
//   MAGIC, total length, page size, base offset, base checksum, k, m, x,
//   k ascending page numbers (the pages sent), m ascending page numbers
//   (the pages equal to the initial data), x ascending page numbers (those of
//   the k pages sent as their difference from the initial data), the k pages.
// The checksum is of the initial data of the m pages, then of the x pages.
// Byte `at` of the snapshot corresponds to byte `at - base offset` of the
// module's memory (Pyodide's own header comes first). The last page may be
// shorter than the page size (the snapshot's tail).

// Its name in assets/calculator/, for the build step that writes it and the worker that reads it.
export const SNAPSHOT_FILE = "snapshot.bin";
// What Pyodide starts with in place of the standard library, a zip of no files (the build writes it
// beside the snapshot: hooks/calculator_assets.py's EMPTY_STDLIB): the restored interpreter has already
// imported what the calculator uses; the normal boot puts its own zip first on the path.
export const EMPTY_STDLIB_FILE = "empty-stdlib.zip";
// The normal boot's standard library, compiled by hooks/pyodide_snapshot.mjs (named in the manifest).
export const CORE_STDLIB_FILE = "stdlib-core.zip";

const MAGIC = 0x33505347; // "GSP3"
const PAGE = 4096;
const HEADER_WORDS = 8;

const pageEnd = (number, total) => Math.min((number + 1) * PAGE, total);
const isZero = (bytes) => bytes.every((byte) => byte === 0);
const equal = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);

// FNV-1a over the initial data of the pages of the given lists, in their order (`heap`: the module's
// memory, which starts at `offset` in the snapshot): cheap enough for 3 MB in a few milliseconds, and
// enough to tell another module's initial data from the one the snapshot was made against.
const checksum = (heap, pageLists, total, offset) => {
  let hash = 0x811c9dc5;
  for (const pages of pageLists) {
    for (const number of pages) {
      for (let at = number * PAGE - offset, end = pageEnd(number, total) - offset; at < end; at += 1) {
        hash = Math.imul(hash ^ heap[at], 0x01000193);
      }
    }
  }
  return hash >>> 0;
};

// `target` ^= `source`, byte by byte (the two of one length).
const xorInto = (target, source) => {
  for (let i = 0; i < target.length; i += 1) target[i] ^= source[i];
};

// `snapshot`: Pyodide's makeMemorySnapshot(). `base` (optional): the module's memory before Python ran,
// and `offset`, where that memory starts in the snapshot (the length of Pyodide's header).
export const pack = (snapshot, { base = null, offset = 0 } = {}) => {
  const total = snapshot.length;
  if (offset >= PAGE || (base !== null && base.length !== total - offset)) {
    throw new Error("the base memory does not match the snapshot");
  }
  const sent = [];
  const fromBase = [];
  const differences = [];
  const initialOf = (start, length) =>
    (base !== null && start >= offset ? base.subarray(start - offset, start - offset + length) : null);
  for (let start = 0; start < total; start += PAGE) {
    const page = snapshot.subarray(start, Math.min(start + PAGE, total));
    const number = start / PAGE;
    const initial = initialOf(start, page.length);
    if (initial !== null && equal(page, initial)) {
      if (!isZero(page)) fromBase.push(number);
    } else if (initial !== null || !isZero(page)) {
      sent.push(number);
      if (initial !== null && !isZero(initial)) differences.push(number);
    }
  }
  const bodyStart = (HEADER_WORDS + sent.length + fromBase.length + differences.length) * 4;
  const bodyLength = sent.reduce((sum, number) => sum + pageEnd(number, total) - number * PAGE, 0);
  const packed = new Uint8Array(bodyStart + bodyLength);
  const words = new Uint32Array(packed.buffer, 0, bodyStart / 4);
  // Both lists are empty without a base.
  const sum = checksum(base ?? new Uint8Array(0), [fromBase, differences], total, offset);
  words.set([MAGIC, total, PAGE, offset, sum, sent.length, fromBase.length, differences.length]);
  words.set(sent, HEADER_WORDS);
  words.set(fromBase, HEADER_WORDS + sent.length);
  words.set(differences, HEADER_WORDS + sent.length + fromBase.length);
  const different = new Set(differences);
  let at = bodyStart;
  for (const number of sent) {
    const start = number * PAGE;
    const page = snapshot.subarray(start, pageEnd(number, total));
    packed.set(page, at);
    if (different.has(number)) xorInto(packed.subarray(at, at + page.length), initialOf(start, page.length));
    at += page.length;
  }
  return packed;
};

const corrupt = (why) => new Error(`corrupt snapshot: ${why}`);

const pageList = (words, from, count, total) => {
  const pages = words.slice(from, from + count);
  pages.forEach((number, i) => {
    if (number * PAGE >= total || (i > 0 && number <= pages[i - 1])) {
      throw corrupt(`page ${number} out of order or range`);
    }
  });
  return pages;
};

// Rebuilds the memory from packed bytes pushed in pieces of any size. The
// buffer (`memory`) exists as soon as the header is in; the first page, which
// holds Pyodide's own header, is written only once every other page is in
// place, those sent (`end()`) and those copied from the initial data
// (`fillBase()`), so a buffer left unfinished is one Pyodide refuses. A page
// sent as a difference is undone as soon as both it and the initial data are
// in, whichever comes first: the part of it that has arrived when fillBase()
// runs then, the rest as it arrives.
class Unpacker {
  memory = null;
  #head = new Uint8Array(0); // the header and page lists, gathered until complete
  #pages = null;
  #fromBase = null;
  #differences = null;
  #sentIndex = null; // a difference page's number -> its index in #pages
  #initialOf = new Map(); // a difference page's number -> its initial data, once fillBase() has it
  #offset = 0;
  #checksum = 0;
  #first = null;
  #page = 0; // the page being written, as an index into #pages
  #at = 0; // bytes of it written so far
  #ended = false;
  #based = false;

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
      const initial = this.#initialOf.get(number);
      if (initial !== undefined) {
        const at = number * PAGE + this.#at;
        xorInto(this.memory.subarray(at, at + part.length), initial.subarray(this.#at, this.#at + part.length));
      }
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
    this.#ended = true;
    this.#finish();
    return this.memory;
  }

  // The pages equal to the module's initial data, and those sent as their difference from it, from
  // `heap`: the live module's memory as its WebAssembly was instantiated (null if it could not be had).
  // Throws, and leaves the buffer unfinished, if it is not that data.
  fillBase(heap) {
    if (this.#based) return;
    const total = this.memory.length;
    const offset = this.#offset;
    if (heap === null || heap.length < total - offset) throw corrupt("no initial memory to fill pages from");
    if (checksum(heap, [this.#fromBase, this.#differences], total, offset) !== this.#checksum) {
      throw corrupt("made against another module's initial memory");
    }
    for (const number of this.#fromBase) {
      const start = number * PAGE;
      this.memory.set(heap.subarray(start - offset, pageEnd(number, total) - offset), start);
    }
    for (const number of this.#differences) {
      const start = number * PAGE;
      const bytes = heap.slice(start - offset, pageEnd(number, total) - offset);
      const index = this.#sentIndex.get(number);
      const arrived = index < this.#page ? bytes.length : index === this.#page ? this.#at : 0;
      xorInto(this.memory.subarray(start, start + arrived), bytes.subarray(0, arrived));
      if (arrived < bytes.length) this.#initialOf.set(number, bytes);
    }
    this.#based = true;
    this.#finish();
  }

  #finish() {
    if (this.#ended && this.#based && this.#first !== null) {
      this.memory.set(this.#first, 0);
      this.#first = null;
      this.#initialOf.clear();
    }
  }

  // The bytes after the page lists, or null while they are still incomplete.
  #readHead(chunk) {
    let bytes = chunk;
    if (this.#head.length > 0) {
      bytes = new Uint8Array(this.#head.length + chunk.length);
      bytes.set(this.#head);
      bytes.set(chunk, this.#head.length);
    }
    this.#head = bytes;
    if (bytes.length < HEADER_WORDS * 4) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const word = (i) => view.getUint32(i * 4, true);
    const [magic, total, pageSize, offset, sum, sent, fromBase, differences] = [0, 1, 2, 3, 4, 5, 6, 7].map(word);
    if (magic !== MAGIC) throw corrupt("not a packed snapshot");
    if (pageSize !== PAGE) throw corrupt(`page size ${pageSize}`);
    if (offset >= PAGE) throw corrupt(`base offset ${offset}`);
    const bodyStart = (HEADER_WORDS + sent + fromBase + differences) * 4;
    if (bytes.length < bodyStart) return null;
    // A copy: the chunk's offset need not be a multiple of 4.
    const words = new Uint32Array(bytes.slice(0, bodyStart).buffer);
    this.#pages = pageList(words, HEADER_WORDS, sent, total);
    this.#fromBase = pageList(words, HEADER_WORDS + sent, fromBase, total);
    this.#differences = pageList(words, HEADER_WORDS + sent + fromBase, differences, total);
    this.#offset = offset;
    this.#checksum = sum;
    this.#based = fromBase === 0 && differences === 0;
    if (this.#fromBase[0] === 0 || this.#differences[0] === 0) throw corrupt("page 0 cannot be initial data");
    const sentIndex = new Map(Array.from(this.#pages, (number, index) => [number, index]));
    this.#sentIndex = new Map(Array.from(this.#differences, (number) => {
      if (!sentIndex.has(number)) throw corrupt(`page ${number} is a difference but not sent`);
      return [number, sentIndex.get(number)];
    }));
    this.#first = new Uint8Array(this.#pages[0] === 0 ? pageEnd(0, total) : 0);
    this.memory = new Uint8Array(total);
    return bytes.subarray(bodyStart);
  }
}

// Unpacks a stream of packed bytes as they arrive. `memory` resolves as soon
// as the header is in, with the full-size buffer still being filled: Pyodide
// can size and start its WebAssembly meanwhile. `filled` resolves once the
// stream has ended complete, and rejects if it is corrupt or cut short.
// `fillBase(heap)` copies the pages equal to the module's initial data (see
// Unpacker); the buffer is finished once both have happened.
export const unpackStream = (stream) => {
  const unpacker = new Unpacker();
  /** @type {{resolve: (memory: any) => void, reject: (error: any) => void}} */
  let sized = { resolve: () => {}, reject: () => {} };
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
  // Settled by the first fillBase() call, with its fault if it had one.
  let based;
  const baseFilled = new Promise((resolve, reject) => {
    based = { resolve, reject };
  });
  baseFilled.catch(() => {}); // reported with `complete`
  const fillBase = (heap) => {
    try {
      if (unpacker.memory === null) throw corrupt("initial memory offered before the header");
      unpacker.fillBase(heap);
      based.resolve();
    } catch (error) {
      based.reject(error);
    }
  };
  // Complete: every page sent and every page of initial data in place (the fault of either, if any).
  const complete = Promise.all([filled, baseFilled]).then(([buffer]) => buffer);
  complete.catch(() => {}); // reported where it is awaited
  return { memory, filled, fillBase, complete };
};

// The module's memory as it is the moment its WebAssembly is instantiated: the initial data and zeros,
// before any JavaScript has written to it (Pyodide's and Emscripten's start-up write a few bytes that
// differ between Node.js, where the build packs, and a browser). `settings`: the Emscripten settings
// Pyodide hands its module factory; `take(heap)` is called with that memory before the module sees it.
export const atInstantiation = (settings, take) => {
  const instantiate = settings.instantiateWasm;
  if (typeof instantiate !== "function") return false; // no hook: nothing taken, and take(null) later
  settings.instantiateWasm = (imports, receive) => instantiate(imports, (instance, module) => {
    take(new Uint8Array(instance.exports.memory.buffer));
    return receive(instance, module);
  });
  return true;
};

// loadPyodide's options to restore a packed snapshot while it streams in. `unpacking`: a promise of
// unpackStream's result; `createModule`: a promise of Pyodide's module factory (pyodide.asm.mjs's
// default export). Pyodide takes the buffer once the header is in and instantiates its WebAssembly
// meanwhile; the factory is wrapped to copy the initial-data pages out of the new module's memory as
// it is instantiated (atInstantiation); Pyodide then runs fsInit, last, before restoring the memory, so
// the restore waits for the last page. A buffer never finished lacks Pyodide's header, and is refused.
export const restoreOptions = (unpacking, createModule) => {
  let unpacked = null;
  unpacking.then((value) => {
    unpacked = value;
  }, () => {});
  return {
    _loadSnapshot: unpacking.then((value) => value.memory),
    createPyodideModule: async (settings) => {
      // `unpacked` is set: Pyodide awaited _loadSnapshot before asking for the module.
      atInstantiation(settings, (heap) => unpacked?.fillBase(heap));
      return (await createModule)(settings);
    },
    fsInit: async () => {
      const value = await unpacking;
      value.fillBase(null); // does nothing if they were filled at instantiation
      await value.complete.catch(() => {});
    },
  };
};
