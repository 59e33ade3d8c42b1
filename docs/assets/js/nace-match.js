// The matching rule of calculator/matching.py and calculator/lookup.py, for the NACE page's
// filter, which runs without Python. Every constant (folding maps, scores, suffix patterns,
// limits) comes from the build (calculator.matching.RULE); only the steps are written here.
// tests/site/test_nace_search.py runs the same queries here and in Python and requires the
// same answers in the same order.
(() => {
  // guide: calculator.lookup.NaceIndex.guide_search_data() — the rule's constants, the Ek-1 units with
  // their other names, the everyday names' suggestions, the guide's odd codes and its words.
  const create = (guide) => {
    const { rule, units, odd_codes: oddCodes, suggestions, words: writtenWords, classes_en: classesEn } = guide;
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
    // calculator.matching.edits: one-letter edits (add, drop, change, swap two side by side), limit + 1 past it.
    const edits = (a, b, limit) => {
      let before = [];
      let row = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i += 1) {
        const current = [i, ...new Array(b.length).fill(0)];
        for (let j = 1; j <= b.length; j += 1) {
          const cost = a[i - 1] === b[j - 1] ? 0 : 1;
          current[j] = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost);
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
        }
        if (Math.min(...current) > limit) return limit + 1;
        [before, row] = [row, current];
      }
      return Math.min(row[b.length], limit + 1);
    };
    const typoEdits = (queryWord) => (queryWord.length >= rule.typo.two ? 2 : queryWord.length >= rule.typo.one ? 1 : 0);
    const wordScore = (queryWord, word) => {
      if (word === queryWord) return S.same;
      const starts = word.startsWith(queryWord);
      if (!starts && sameStem(queryWord, word)) return S.stem;
      if (starts) return S.start;
      if (queryWord.length >= rule.min_inside && word.includes(queryWord)) return S.inside;
      const allowed = typoEdits(queryWord);
      if (allowed && word[0] === queryWord[0] && Math.abs(word.length - queryWord.length) <= allowed) {
        return edits(queryWord, word, allowed) <= allowed ? S.typo : 0;
      }
      return 0;
    };
    const making = (folded) => folded.some((word) => rule.making.some((stem) => word.startsWith(stem)));
    // calculator.matching.nearest: the guide's words closest to one that matched nothing.
    const nearest = (queryWord) =>
      Object.entries(writtenWords)
        .map(([word, written]) => ({ distance: edits(queryWord, word, rule.nearest.edits), word, written }))
        .filter(({ distance }) => distance <= rule.nearest.edits)
        .sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
        .slice(0, rule.nearest.shown)
        .map(({ written }) => written);
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
    // calculator.matching.whole_score and name_score (`whole`: the names the whole query is compared with).
    const wholeScore = (folded, names) => {
      if (names.includes(folded)) return S.whole_name;
      if (names.some((name) => `${name} `.startsWith(`${folded} `))) return S.name_start;
      return 0;
    };
    const nameScore = (folded, names, scores, whole = names) => {
      const wholeFound = wholeScore(folded, whole);
      if (wholeFound) return wholeFound;
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
    const named = [
      ...units.flatMap((unit) => [...unit.folded, ...unit.aliases.map(([, name]) => name)]),
      ...suggestions.flatMap((suggestion) => suggestion.folded.map(([, name]) => name)),
    ];
    const unitVocabulary = [...new Set(named.flatMap((name) => name.split(" ")))];
    let list = null;
    let listVocabulary = null;
    const withCodes = (test) =>
      units.filter((unit) => unit.codes.some(test)).map((unit) => ({ unit, codes: unit.codes.filter(test) }));

    const byCode = (compact, digits) => {
      if (oddCodes.includes(compact)) return { ...none, kind: "code", units: withCodes((c) => c === compact) };
      if (!wellFormed(compact, digits)) return { error: "invalid_code" };
      const under = (entries, test) => (entries ?? []).filter(test);
      if (digits.length === rule.code_digits.max) {
        const code = dotted(digits);
        const matches = withCodes((c) => c === code);
        const nearby = matches.length ? [] : withCodes((c) => c.replaceAll(".", "").startsWith(digits.slice(0, 4)));
        return { ...none, kind: "code", units: matches, nearby, list: under(list, (entry) => entry.code === code) };
      }
      return {
        ...none,
        kind: "prefix",
        units: withCodes((c) => c.replaceAll(".", "").startsWith(digits)),
        list: under(list, (entry) => entry.code.replaceAll(".", "").startsWith(digits)),
      };
    };
    const none = { kind: "name", units: [], suggestions: [], nearby: [], list: [], nearest: [], suggestionsFirst: false };
    const byScore = (a, b) => b.score - a.score || a.position - b.position;

    // Ek-1 units: their two names together or one other name alone; at a tie, by their own name first.
    const unitsByName = (folded, scores) => {
      const found = [];
      units.forEach((unit, position) => {
        const own = nameScore(folded, unit.folded, scores);
        const score = Math.max(own, ...unit.aliases.map(([, alias]) => nameScore(folded, [alias], scores)));
        if (score) found.push({ score, byAlias: own < score, position, unit });
      });
      found.sort((a, b) => b.score - a.score || Number(a.byAlias) - Number(b.byAlias) || a.position - b.position);
      return found;
    };
    const suggestionsByName = (folded, scores) => {
      const found = [];
      suggestions.forEach((suggestion, position) => {
        // The best of its names, the first of them at a tie.
        let score = 0;
        let best = 0;
        suggestion.folded.forEach(([, name], i) => {
          const nameScored = nameScore(folded, [name], scores);
          if (nameScored > score) [score, best] = [nameScored, i];
        });
        const matched = [...suggestion.names.tr, ...suggestion.names.en][best];
        // The name a finder shows in each language (calculator.lookup.Suggestion.shown).
        const shown = Object.fromEntries(Object.entries(suggestion.names).map(([code, names]) => [code, names.includes(matched) ? matched : names[0]]));
        if (score) found.push({ score, position, suggestion: { ...suggestion, matched, shown } });
      });
      return found.sort(byScore);
    };
    // After the others, a title about making or building a thing, unless the query asks for that.
    const listByName = (folded, queryWords) => {
      if (!list) return [];
      const titleScores = scoresOver(queryWords, listVocabulary);
      // A query word no title has (beyond exclusion clauses): only a title typed whole can match.
      const wordsMatch = titleScores.every((found) => found.size);
      const asks = making(queryWords);
      const entries = [];
      for (const entry of list) {
        // Its Turkish title and its class's English one; the Turkish title whole, its exclusion clauses too.
        const names = entry.en ? [entry.folded, entry.en] : [entry.folded];
        const whole = entry.whole ? [...names, entry.whole] : names;
        const score = wordsMatch ? nameScore(folded, names, titleScores, whole) : wholeScore(folded, whole);
        if (score) entries.push({ score, later: !asks && entry.making, entry });
      }
      entries.sort(
        (a, b) =>
          Number(a.later) - Number(b.later) ||
          b.score - a.score ||
          a.entry.folded.length - b.entry.folded.length ||
          (a.entry.code < b.entry.code ? -1 : a.entry.code > b.entry.code ? 1 : 0),
      );
      return entries.slice(0, rule.max_list_matches).map(({ entry }) => entry);
    };
    const nearestTo = (queryWords) => {
      const known = (word) => [unitVocabulary, listVocabulary ?? []].some((vocabulary) => scoresOver([word], vocabulary)[0].size);
      const found = queryWords.filter((word) => !known(word)).flatMap(nearest);
      return [...new Set(found)].slice(0, rule.nearest.shown);
    };

    const byName = (query) => {
      const queryWords = words(query);
      if (!queryWords.length) return none;
      const folded = fold(query);
      const scores = scoresOver(queryWords, unitVocabulary);
      const named = scores.every((found) => found.size);
      const found = named ? unitsByName(folded, scores) : [];
      const suggested = named ? suggestionsByName(folded, scores) : [];
      const entries = listByName(folded, queryWords);
      return {
        ...none,
        units: found.map(({ unit }) => ({ unit, codes: [] })),
        suggestions: suggested.map(({ suggestion }) => suggestion),
        list: entries,
        nearest: found.length || suggested.length || entries.length ? [] : nearestTo(queryWords),
        suggestionsFirst: (suggested[0]?.score ?? 0) > (found[0]?.score ?? 0),
      };
    };

    return {
      fold,
      // The NACE list: [code, class, title, folded title] rows, once loaded.
      setList(rows) {
        list = rows.map(([code, hazardClass, title, folded, makes, whole]) => {
          const [titleEn, en] = classesEn[code.slice(0, 5)] ?? ["", ""];
          return { code, hazardClass, title, titleEn, folded, en, making: makes === 1, whole };
        });
        listVocabulary = [...new Set(list.flatMap((entry) => `${entry.folded} ${entry.en}`.split(" ").filter(Boolean)))];
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
