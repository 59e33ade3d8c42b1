// Runs the NACE page's and the header search's matching rule (docs/assets/js/nace-match.js) in
// Node.js on the build's data, for tests/test_matching_parity.py: reads {guide, rows, queries} as
// JSON on stdin, prints one answer per query as JSON.
import { readFileSync } from "node:fs";
import { runInThisContext } from "node:vm";

const source = new URL("../../docs/assets/js/nace-match.js", import.meta.url);
runInThisContext(readFileSync(source, "utf-8"), { filename: source.pathname });
const { guide, rows, queries } = JSON.parse(readFileSync(0, "utf-8"));
const matcher = globalThis.naceMatch.create(guide);
matcher.setList(rows);
const answers = queries.map((query) => {
  const found = matcher.lookup(query);
  if (found.error) return { error: true };
  return {
    error: false,
    units: found.units.map(({ unit }) => unit.id),
    names: found.suggestions.map((suggestion) => [suggestion.id, suggestion.matched, suggestion.shown]),
    nearby: found.nearby.map(({ unit }) => unit.id),
    list: found.list.map((entry) => entry.code),
    nearest: found.nearest,
    names_first: found.suggestionsFirst,
  };
});
process.stdout.write(JSON.stringify(answers));
