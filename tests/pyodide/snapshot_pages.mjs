// Packs and unpacks memory-like buffers with the site's snapshot format
// (docs/assets/js/snapshot-pages.mjs) and reports what came back, for
// tests/test_pyodide.py to judge.
import { pack, unpackStream } from "../../docs/assets/js/snapshot-pages.mjs";

const PAGE = 4096;
const HEADER = 32; // eight words
const sample = (length, filled) => {
  const bytes = new Uint8Array(length);
  for (const page of filled) {
    for (let i = page * PAGE; i < Math.min((page + 1) * PAGE, length); i += 97) bytes[i] = (i % 251) + 1;
  }
  return bytes;
};
const same = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);
const outcome = (promise) => promise.then((value) => ({ value }), (error) => ({ error: error.message }));
// A whole buffer through the worker's own path, as one stream.
const unpacked = (buffer) => {
  const { memory, filled } = unpackStream(new Blob([buffer]).stream());
  memory.catch(() => {}); // its failure is filled's
  return filled;
};
const failure = async (buffer) => (await outcome(unpacked(buffer))).error ?? null;

const cases = {
  sparse: sample(40 * PAGE, [0, 3, 4, 39]),
  ragged_tail: sample(10 * PAGE + 123, [1, 10]),
  empty_memory: sample(8 * PAGE, []),
  full: sample(5 * PAGE, [0, 1, 2, 3, 4]),
};
const report = { round_trip: {}, packed_size: {}, corrupt: {} };
for (const [name, memory] of Object.entries(cases)) {
  const packed = pack(memory);
  report.round_trip[name] = same(await unpacked(packed.buffer), memory);
  report.packed_size[name] = packed.length;
}
const good = pack(cases.sparse);
const flipped = good.slice();
flipped[0] ^= 0xff;
const disordered = good.slice();
new Uint32Array(disordered.buffer, HEADER, 2).reverse(); // the first two page numbers
report.corrupt = {
  too_short: await failure(new Uint8Array(8).buffer),
  not_packed: await failure(flipped.buffer),
  cut_short: await failure(good.slice(0, good.length - 1).buffer),
  trailing: await failure(new Uint8Array([...good, 0]).buffer),
  out_of_order: await failure(disordered.buffer),
};

// The same bytes as a stream, in pieces of the given sizes (the last repeated),
// holding back the rest until `release()` once `pauseAfter` bytes have gone.
// The pieces are views at odd offsets into one buffer, as a stream may give.
const streamOf = (packed, sizes, pauseAfter = Infinity) => {
  const bytes = new Uint8Array(packed.length + 1).fill(0xee).subarray(1);
  bytes.set(packed);
  let at = 0;
  let piece = 0;
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const stream = new ReadableStream({
    async pull(controller) {
      if (at >= pauseAfter) await released;
      if (at >= bytes.length) return controller.close();
      const size = Math.min(sizes[Math.min(piece++, sizes.length - 1)], bytes.length - at, Math.max(pauseAfter - at, 1));
      controller.enqueue(bytes.subarray(at, at + size));
      at += size;
    },
  });
  return { stream, release };
};
const settledYet = async (promise) => {
  let settled = false;
  promise.then(() => { settled = true; }, () => { settled = true; });
  await new Promise((resolve) => setTimeout(resolve, 20));
  return settled;
};

report.streamed = {};
for (const [label, sizes] of Object.entries({ bytes: [1], odd: [7, 3, 4095], pages: [4096], large: [70000] })) {
  const { memory, filled } = unpackStream(streamOf(good, sizes).stream);
  const [sized, done] = await Promise.all([memory, filled]);
  report.streamed[label] = sized === done && same(done, cases.sparse);
}
// Once the header and page list are in, the buffer exists at its full size
// while the pages are still to come.
const headerLength = HEADER + 4 * 4;
const paused = streamOf(good, [5], headerLength);
const early = unpackStream(paused.stream);
const earlyMemory = await early.memory;
report.early = {
  length: earlyMemory.length,
  filled_before_pages: await settledYet(early.filled),
};
paused.release();
report.early.same_buffer_when_filled = (await early.filled) === earlyMemory && same(earlyMemory, cases.sparse);
// Cut short after some pages: the pages that came are in, but the first page,
// which carries Pyodide's own header, is not, so Pyodide would refuse the buffer.
const cut = unpackStream(streamOf(good.slice(0, good.length - 1), [4096]).stream);
const cutMemory = await cut.memory;
report.cut = {
  error: (await outcome(cut.filled)).error,
  first_page_blank: cutMemory.subarray(0, PAGE).every((byte) => byte === 0),
  later_page_in: cutMemory.subarray(3 * PAGE, 4 * PAGE).some((byte) => byte !== 0),
};
const bad = unpackStream(streamOf(flipped, [4096]).stream);
report.bad_header = { memory: (await outcome(bad.memory)).error, filled: (await outcome(bad.filled)).error };

// Against a base: the module's memory before Python ran, `offset` bytes into the snapshot (Pyodide's
// header first). Pages equal to it are not sent but copied from the live module's memory (fillBase);
// pages of it since changed are sent as their difference from it, undone once it is there.
const OFFSET = 144;
const initial = sample(20 * PAGE - OFFSET, [2, 3, 5, 6, 7]);
const taken = new Uint8Array(20 * PAGE);
taken.set(initial, OFFSET);
taken.fill(9, 0, OFFSET); // Pyodide's header
taken.fill(0, 5 * PAGE, 6 * PAGE); // initial data since cleared: must be sent, as zeros
taken[6 * PAGE + 1] ^= 1; // initial data since changed
taken[12 * PAGE] = 7; // new data
const packedOnBase = pack(taken, { base: initial, offset: OFFSET });
// The stream held back after its header and page lists (4 + 5 + 2 numbers), as a slow link would, or
// `pauseAfter` bytes.
const LISTS = HEADER + 4 * 11;
const onBase = async (heap, { fillFirst = false, pauseAfter = LISTS } = {}) => {
  const paused = streamOf(packedOnBase, [1000], pauseAfter);
  const unpacking = unpackStream(paused.stream);
  const memory = await unpacking.memory; // as Pyodide awaits it before making the module
  if (fillFirst) {
    await new Promise((resolve) => setTimeout(resolve, 20)); // the bytes before the pause are in
    unpacking.fillBase(heap);
  }
  paused.release();
  const filled = await outcome(unpacking.filled);
  const blankBeforeBase = memory.subarray(0, PAGE).every((byte) => byte === 0);
  if (!fillFirst) unpacking.fillBase(heap);
  const complete = await outcome(unpacking.complete);
  return { filled: filled.error ?? "ok", blank_before_base: blankBeforeBase, complete: complete.error ?? same(complete.value, taken) };
};
const otherBase = initial.slice();
otherBase[3 * PAGE - OFFSET + 5] ^= 1;
const [pagesSent, pagesFromBase, differences] = new Uint32Array(packedOnBase.buffer, 20, 3);
// The sent pages in order: 0 (the header), 5 (cleared), 6 (changed), 12 (new).
const sentPage = (index) => packedOnBase.subarray(LISTS + index * PAGE, LISTS + (index + 1) * PAGE);
const nonzero = (bytes) => bytes.reduce((count, byte) => count + (byte !== 0), 0);
report.base = {
  packed_size: packedOnBase.length,
  pages_sent: pagesSent,
  pages_from_base: pagesFromBase,
  differences,
  // The changed page travels as one changed byte among zeros; the cleared one as the data it had.
  changed_page_nonzero: nonzero(sentPage(2)),
  cleared_page_is_initial: same(sentPage(1), initial.subarray(5 * PAGE - OFFSET, 6 * PAGE - OFFSET)),
  after_stream: await onBase(initial),
  before_stream: await onBase(initial, { fillFirst: true }),
  // The initial data comes when half of the changed page has arrived.
  mid_page: await onBase(initial, { fillFirst: true, pauseAfter: LISTS + 2 * PAGE + 2048 }),
  other_base: await onBase(otherBase),
  no_base: await onBase(null),
  without_base_needs_none: await (async () => {
    const unpacking = unpackStream(new Blob([good]).stream());
    await unpacking.memory;
    unpacking.fillBase(null);
    return same(await unpacking.complete, cases.sparse);
  })(),
};
console.log(JSON.stringify(report));
