// Packs and unpacks memory-like buffers with the site's snapshot format
// (docs/assets/js/snapshot-pages.mjs) and reports what came back, for
// tests/test_pyodide.py to judge.
import { pack, unpack } from "../../docs/assets/js/snapshot-pages.mjs";

const PAGE = 4096;
const sample = (length, filled) => {
  const bytes = new Uint8Array(length);
  for (const page of filled) {
    for (let i = page * PAGE; i < Math.min((page + 1) * PAGE, length); i += 97) bytes[i] = (i % 251) + 1;
  }
  return bytes;
};
const same = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);
const failure = (buffer) => {
  try {
    unpack(buffer);
    return null;
  } catch (error) {
    return error.message;
  }
};

const cases = {
  sparse: sample(40 * PAGE, [0, 3, 4, 39]),
  ragged_tail: sample(10 * PAGE + 123, [1, 10]),
  empty_memory: sample(8 * PAGE, []),
  full: sample(5 * PAGE, [0, 1, 2, 3, 4]),
};
const report = { round_trip: {}, packed_size: {}, corrupt: {} };
for (const [name, memory] of Object.entries(cases)) {
  const packed = pack(memory);
  report.round_trip[name] = same(unpack(packed.buffer), memory);
  report.packed_size[name] = packed.length;
}
const good = pack(cases.sparse);
const flipped = good.slice();
flipped[0] ^= 0xff;
const disordered = good.slice();
new Uint32Array(disordered.buffer, 16, 2).reverse();
report.corrupt = {
  too_short: failure(new Uint8Array(8).buffer),
  not_packed: failure(flipped.buffer),
  cut_short: failure(good.slice(0, good.length - 1).buffer),
  trailing: failure(new Uint8Array([...good, 0]).buffer),
  out_of_order: failure(disordered.buffer),
};
console.log(JSON.stringify(report));
