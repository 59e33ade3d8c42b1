// The matching rule of calculator/matching.py and calculator/lookup.py, for the NACE page's
// filter, which runs without Python. Every constant (folding maps, scores, suffix patterns,
// limits) comes from the build (calculator.matching.RULE); only the steps are written here.
// tests/site/test_nace_search.py runs the same queries here and in Python and requires the
// same answers in the same order.
(() => {
  const create = (rule, units, oddCodes) => {
    const S = rule.scores;
    const foldKeys = new RegExp(`[${Object.keys(rule.fold).join("")}]`, "g");
    const upperKeys = new RegExp(`[${Object.keys(rule.upper).join("")}]`, "g");
    const whole = (pattern) => new RegExp(`^(?:${pattern})$`);
    const shortTail = whole(rule.stem.short_tail);
    const shortTailBrief = whole(rule.stem.short_tail_brief);
    const longTail = whole(rule.stem.long_tail);
    const codeLike = whole(rule.code_like);

    // calculator.text.fold
    const fold = (text) =>
      text
        .normalize("NFC")
        .replace(upperKeys, (c) => rule.upper[c])
        .toLowerCase()
        .replace(foldKeys, (c) => rule.fold[c])
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .replace(/[^0-9a-z]+/g, " ")
        .trim();
    const words = (text) => fold(text).split(" ").filter(Boolean);

    const commonPrefix = (a, b) => {
      let n = 0;
      while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
      return n;
    };
    const hard = (c) => rule.softened[c] ?? c;
    const stemShared = (a, b) => {
      let shared = commonPrefix(a, b);
      if (shared < a.length && shared < b.length && hard(a[shared]) === hard(b[shared])) shared += 1;
      return shared;
    };
    const sameStem = (a, b) => {
      const shared = stemShared(a, b);
      if (shared < rule.stem.shared) return false;
      const [short, long] = [a.slice(shared), b.slice(shared)].sort((x, y) => x.length - y.length);
      if (long.length > rule.stem.suffix) return false;
      if (short && !(shared >= rule.stem.shared_long ? shortTail : shortTailBrief).test(short)) return false;
      return !long || longTail.test(long);
    };
    const wordScore = (queryWord, word) => {
      if (word === queryWord) return S.same;
      const starts = word.startsWith(queryWord);
      if (!starts && sameStem(queryWord, word)) return S.stem;
      if (starts) return S.start;
      if (queryWord.length >= rule.min_inside && word.includes(queryWord)) return S.inside;
      return 0;
    };
    // Per query word, the score of each distinct word of a vocabulary (scored once, as Python does).
    const scoresOver = (queryWords, vocabulary) =>
      queryWords.map((queryWord) => {
        const found = new Map();
        for (const word of vocabulary) {
          const score = wordScore(queryWord, word);
          if (score) found.set(word, score);
        }
        return found;
      });
    const nameScore = (folded, names, scores) => {
      if (names.includes(folded)) return S.whole_name;
      if (names.some((name) => `${name} `.startsWith(`${folded} `))) return S.name_start;
      const nameWords = names.flatMap((name) => name.split(" "));
      let total = 0;
      for (const perWord of scores) {
        let best = 0;
        for (const word of nameWords) best = Math.max(best, perWord.get(word) ?? 0);
        if (best === 0) return 0;
        total += best;
      }
      let score = Math.floor((S.words_weight * total) / scores.length);
      if (scores.length > 1 && names.some((name) => ` ${name} `.includes(` ${folded} `))) score += S.phrase_bonus;
      return score;
    };

    const dotted = (digits) => digits.match(/.{1,2}/g).join(".");
    const wellFormed = (compact, digits) =>
      digits.length >= rule.code_digits.min &&
      digits.length <= rule.code_digits.max &&
      [digits, dotted(digits), `${dotted(digits)}.`].includes(compact);
    const unitVocabulary = [...new Set(units.flatMap((unit) => unit.folded.flatMap((name) => name.split(" "))))];
    let list = null;
    let listVocabulary = null;
    const withCodes = (test) =>
      units.filter((unit) => unit.codes.some(test)).map((unit) => ({ unit, codes: unit.codes.filter(test) }));

    const byCode = (compact, digits) => {
      if (oddCodes.includes(compact)) return { kind: "code", units: withCodes((c) => c === compact), nearby: [], list: [] };
      if (!wellFormed(compact, digits)) return { error: "invalid_code" };
      const under = (entries, test) => (entries ?? []).filter(test);
      if (digits.length === rule.code_digits.max) {
        const code = dotted(digits);
        const matches = withCodes((c) => c === code);
        const nearby = matches.length ? [] : withCodes((c) => c.replaceAll(".", "").startsWith(digits.slice(0, 4)));
        return { kind: "code", units: matches, nearby, list: under(list, (entry) => entry.code === code) };
      }
      return {
        kind: "prefix",
        units: withCodes((c) => c.replaceAll(".", "").startsWith(digits)),
        nearby: [],
        list: under(list, (entry) => entry.code.replaceAll(".", "").startsWith(digits)),
      };
    };

    const byName = (query) => {
      const queryWords = words(query);
      if (!queryWords.length) return { kind: "name", units: [], nearby: [], list: [] };
      const folded = fold(query);
      const unitScores = scoresOver(queryWords, unitVocabulary);
      const found = [];
      units.forEach((unit, position) => {
        const score = nameScore(folded, unit.folded, unitScores);
        if (score) found.push({ score, position, unit });
      });
      found.sort((a, b) => b.score - a.score || a.position - b.position);
      const entries = [];
      if (list) {
        const titleScores = scoresOver(queryWords, listVocabulary);
        for (const entry of list) {
          const score = nameScore(folded, [entry.folded], titleScores);
          if (score) entries.push({ score, entry });
        }
        entries.sort(
          (a, b) =>
            b.score - a.score ||
            a.entry.folded.length - b.entry.folded.length ||
            (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0),
        );
      }
      return {
        kind: "name",
        units: found.map(({ unit }) => ({ unit, codes: [] })),
        nearby: [],
        list: entries.slice(0, rule.max_list_matches).map(({ entry }) => entry),
      };
    };

    return {
      fold,
      // The NACE list: [code, class, title, folded title] rows, once loaded.
      setList(rows) {
        list = rows.map(([code, hazardClass, title, folded]) => ({ code, hazardClass, title, folded }));
        listVocabulary = [...new Set(list.flatMap((entry) => entry.folded.split(" ")))];
      },
      lookup(query) {
        if (!query.trim()) return { error: "invalid_query" };
        if (query.length > rule.max_query_length) return { error: "invalid_query" };
        const text = query.trim();
        if (codeLike.test(text)) {
          const compact = text.replace(/\s+/g, "");
          return byCode(compact, compact.replaceAll(".", ""));
        }
        return byName(query);
      },
    };
  };
  globalThis.naceMatch = { create };
})();
