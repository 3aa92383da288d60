/* The error lookup: name the codes a pasted error refers to. Loaded only by the pages with the
   paste box, after lookup-rules.js (window.lookupRules, generated from data/ by macros/lookup.py).

   No regular expression runs over the pasted text except one whitespace collapse: the text is
   walked once, word by word, and each word and each number in it is compared only with the rules
   that could start there, so the time grows linearly with the text whatever it holds. Nothing from the text
   becomes markup: results are built with createElement and textContent. */
(function (root) {
  "use strict";

  var MAX_DIGITS = 6;         /* longer numbers are ids, not codes */
  var BARE_MIN_DIGITS = 4;    /* a lone short number in a stack trace is a line number, not a code */
  var BARE_WEIGHT = 10;
  var MAX_RESULTS = 10;
  var MAX_EXCERPT = 80;
  var MAX_URL_TEXT = 2000;    /* longer pastes are answered but not put into the address */
  var ADDRESS_DELAY_MS = 300;
  var SHARE_PARAMETER = "paste";

  function isDigit(c) { return c >= 48 && c <= 57; }
  function isWordChar(c) { return isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; }

  function isUpper(c) { return c >= 65 && c <= 90; }
  function isLower(c) { return c >= 97 && c <= 122; }

  /* Lower case for ASCII letters only, one character for one: String.toLowerCase can change the
     length ("\u0130" becomes two characters), and every offset found in the lower-cased text is
     used on the text as pasted. The rules are ASCII (macros/lookup_checks.py checks it). */
  function asciiLower(value) {
    var parts = [], from = 0;
    for (var i = 0; i < value.length; i++) {
      var c = value.charCodeAt(i);
      if (!isUpper(c)) continue;
      if (i > from) parts.push(value.slice(from, i));
      parts.push(String.fromCharCode(c + 32));
      from = i + 1;
    }
    if (!parts.length) return value;
    parts.push(value.slice(from));
    return parts.join("");
  }

  /* A word written as a program's identifier, not prose: MISSING_PERMISSIONS, DisallowedIntents,
     ErrCodeUnknownInteraction (an underscore between letters, or a lower-case letter followed by
     an upper-case one). Its key is its letters and digits in lower case, as macros/lookup.py
     computes it for the rules. */
  function identifierKey(word, prefix) {
    var joined = false, key = "";
    for (var i = 0; i < word.length; i++) {
      var c = word.charCodeAt(i);
      if (c === 95) { if (i > 0 && i < word.length - 1) joined = true; continue; }
      if (i > 0 && isUpper(c) && isLower(word.charCodeAt(i - 1))) joined = true;
      key += isUpper(c) ? String.fromCharCode(c + 32) : word.charAt(i);
    }
    if (!joined) return "";
    return key.startsWith(prefix) ? key.slice(prefix.length) : key;
  }

  /* The same key for a code's name: "Disallowed intent(s)" -> "disallowedintent". */
  function nameKey(name, prefix) {
    var key = name.toLowerCase().replace(/\([^)]*\)/g, "").replace(/[^a-z0-9]/g, "");
    return key.startsWith(prefix) ? key.slice(prefix.length) : key;
  }

  function libraryList(names, bits) {
    var chosen = names.filter(function (_, index) { return bits & (1 << index); });
    return chosen.length > 1 ? chosen.slice(0, -1).join(", ") + " and " + chosen[chosen.length - 1] : chosen[0];
  }

  function wordEnd(text, start) {
    var end = start;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    return end;
  }

  /* Rules around a number (patterns, shapes, noise) indexed by the character right before the
     number, or when they have no text before it, right after it: each number is compared only
     with the rules that can fit there, so hundreds of rules cost little per number. `before` and
     `after` give a rule's literal text on each side of the number. */
  function byNeighbour(list, before, after) {
    var index = new Map();
    list.forEach(function (rule) {
      var b = before(rule), a = after(rule);
      var key = b ? "<" + b.charAt(b.length - 1) : a ? ">" + a.charAt(0) : "";
      if (!index.has(key)) index.set(key, []);
      index.get(key).push(rule);
    });
    return index;
  }

  function neighbours(index, text, start, end) {
    var found = index.get("") || [];
    if (start > 0) found = found.concat(index.get("<" + text.charAt(start - 1)) || []);
    if (end < text.length) found = found.concat(index.get(">" + text.charAt(end)) || []);
    return found;
  }

  /* Rules indexed for the walk: phrases by their first word, codes by their number, identifiers
     by their key. `constants` (lookup-constants.js) is optional: it is fetched only when a text
     holds an identifier that nothing else explains. */
  function compile(rules, constants) {
    var phrasesByWord = new Map();
    var byNumber = new Map();
    function addPhrase(text, anchor, weight, why) {
      var key = text.slice(0, wordEnd(text, 0));
      if (!key) return;
      if (!phrasesByWord.has(key)) phrasesByWord.set(key, []);
      phrasesByWord.get(key).push({ text: text, anchor: anchor, weight: weight, why: why });
    }
    rules.phrases.forEach(function (p) { addPhrase(p[0], p[1], p[2], rules.whys[p[3]]); });
    Object.keys(rules.codes).forEach(function (anchor) {
      var code = rules.codes[anchor];
      var table = rules.tables[code[0]];
      /* a name of one word ("Disconnected") is too common a word in logs to name a code alone;
         an undocumented code's name (code[4]) is a library's word, not a text Discord sends */
      if (table[3] && !code[4] && code[2].length >= rules.min_phrase && code[2].trim().indexOf(" ") !== -1) {
        addPhrase(asciiLower(code[2]).replace(/\s+/g, " "), anchor, rules.name_weight, rules.whys[rules.names_why]);
      }
      /* A number alone never names an undocumented code: Discord's docs don't list it, and its
         number is often something else's (1006 is the WebSocket's own "abnormal closure"). Text
         that names its table ("RPC error 1001") still finds it. */
      if (typeof code[1] === "number" && !code[4]) {
        if (!byNumber.has(code[1])) byNumber.set(code[1], []);
        byNumber.get(code[1]).push(anchor);
      }
    });
    /* Identifiers: a code's name written as one (INVALID_SESSION), and the library constants that
       are not just that (rules.constants). */
    var identifiers = new Map();
    function addIdentifier(key, anchor, why) {
      if (key.length < rules.min_phrase) return;
      if (!identifiers.has(key)) identifiers.set(key, []);
      identifiers.get(key).push({ anchor: anchor, why: why });
    }
    var asConstant = "is this code's name written as a constant, as libraries name it";
    var prefix = rules.identifier_prefix || "";
    Object.keys(rules.codes).forEach(function (anchor) {
      if (!rules.codes[anchor][4]) addIdentifier(nameKey(rules.codes[anchor][2], prefix), anchor, asConstant);
    });
    rules.phrases.forEach(function (p) {  /* former names: libraries keep the old ones */
      if (p[3] === rules.names_why) addIdentifier(nameKey(p[0], prefix), p[1], asConstant);
    });
    if (constants) {
      Object.keys(constants.constants).forEach(function (key) {
        constants.constants[key].forEach(function (entry) {
          addIdentifier(key, entry[0], "is the name " + libraryList(constants.libraries, entry[1]) + " gives this code");
        });
      });
    }
    /* Each code's name as the text reads it, for the shapes that hold it ("403 forbidden"). */
    var names = new Map();
    Object.keys(rules.codes).forEach(function (anchor) {
      names.set(anchor, asciiLower(String(rules.codes[anchor][2])).replace(/\s+/g, " "));
    });
    var contextsByWord = new Map();
    rules.contexts.forEach(function (c) {
      var key = c[0].slice(0, wordEnd(c[0], 0));
      if (!contextsByWord.has(key)) contextsByWord.set(key, []);
      contextsByWord.get(key).push(c);
    });
    /* a shape's text right before and right after the number, whichever side the name is on */
    function shapeBefore(shape) { return shape[3] ? shape[1] : shape[0]; }
    function shapeAfter(shape) { return shape[3] ? shape[2] : shape[1]; }
    return { rules: rules, phrasesByWord: phrasesByWord, byNumber: byNumber, identifiers: identifiers,
             names: names, contextsByWord: contextsByWord, general: new Set(rules.general),
             numbers: byNeighbour(rules.numbers, function (p) { return p[0]; }, function (p) { return p[1]; }),
             shapes: byNeighbour(rules.shapes, shapeBefore, shapeAfter),
             noise: byNeighbour(rules.noise, function (n) { return n[0]; }, function (n) { return n[1]; }),
             withConstants: !!constants };
  }

  function resolve(rules, tableIndex, value) {
    var prefix = rules.tables[tableIndex][1];
    var anchor = prefix + "-" + value;
    if (rules.codes[anchor]) return anchor;
    var statusClass = prefix + "-" + Math.floor(value / 100) + "xx";  /* 503 -> http-5xx */
    return value >= 100 && value <= 999 && rules.codes[statusClass] ? statusClass : null;
  }

  /* Whether text[start, end) is a number standing as a word of its own (rules.bare: the
     characters it may stand between), not part of a path, a time, a version or a line:column. */
  function standsAlone(rules, text, start, end) {
    if (start > 0 && rules.bare[0].indexOf(text.charAt(start - 1)) === -1) return false;
    if (end >= text.length) return true;
    var after = text.charAt(end);
    if (rules.bare[1].indexOf(after) === -1) return false;
    return !((after === "." || after === ":" || after === ",") && end + 1 < text.length &&
             isWordChar(text.charCodeAt(end + 1)));
  }

  function around(text, start, end, before, after) {
    return start >= before.length && text.startsWith(before, start - before.length) && text.startsWith(after, end);
  }

  /* The span [start, end) of `shape` around the number at [start, end) for the code `name`, or
     null: name first ("forbidden (status code: 403)") or number first ("4014 disallowed intent(s)"). */
  function shapeSpan(text, shape, name, start, end) {
    if (shape[3]) {
      var lead = shape[0] + name + shape[1];
      return around(text, start, end, lead, shape[2]) ? [start - lead.length, end + shape[2].length] : null;
    }
    var tail = shape[1] + name;
    if (!around(text, start, end, shape[0], tail)) return null;
    var stop = end + tail.length;
    if (isWordChar(tail.charCodeAt(tail.length - 1)) && stop < text.length && isWordChar(text.charCodeAt(stop))) return null;
    return text.startsWith(shape[2], stop) ? [start - shape[0].length, stop + shape[2].length] : null;
  }

  /* Drops the phrases that lie inside a longer match of something else: "bad request" inside the
     status line "400 bad request" (not the voice close code of that name), "rate limited" inside
     "you are being rate limited". `claims` are [start, end] spans; a phrase's own span is among
     them. Linear after the sort. */
  function unclaimed(phrases, claims) {
    claims.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var kept = [], next = 0, widest = -1, widestStart = -1;
    phrases.forEach(function (p) {
      while (next < claims.length && claims[next][0] <= p[2]) {
        if (claims[next][1] > widest) { widest = claims[next][1]; widestStart = claims[next][0]; }
        next++;
      }
      var inside = widest > p[3] || (widest === p[3] && widestStart < p[2]);
      if (!inside) kept.push(p);
    });
    return kept;
  }

  /* The codes a text refers to, best first: [{anchor, kind, code, name, sentence, why}]. */
  function find(compiled, input) {
    var rules = compiled.rules;
    var spaced = String(input).replace(/\s+/g, " ");
    var text = asciiLower(spaced);
    var shown = spaced;  /* same length as text: offsets in one are offsets in the other */
    var found = new Map();
    var onlyANumber = /^ ?\d+ ?$/.test(text.length <= 12 ? text : "");
    /* Matches wait in `matches` until the walk is over: a phrase may turn out to lie inside a
       longer match that starts before it (see unclaimed). */
    var matches = [], phrases = [], claims = [], contextTables = new Set();

    function hit(anchor, weight, start, end, why) {
      if (compiled.general.has(anchor)) weight = Math.min(weight, rules.general_weight);
      var entry = found.get(anchor);
      if (!entry) {
        entry = { anchor: anchor, weight: 0, length: 0, hits: 0, first: start, reasons: [] };
        found.set(anchor, entry);
      }
      entry.hits++;
      var excerpt = shown.slice(start, Math.min(end, start + MAX_EXCERPT)).trim();
      var reason = "\u201c" + excerpt + "\u201d " + why;
      /* the surest match explains the result; of equally sure ones, the longest */
      if (weight > entry.weight || (weight === entry.weight && end - start > entry.length)) {
        entry.weight = weight;
        entry.length = end - start;
        entry.reasons.unshift(reason);
        if (entry.reasons.length > 3) entry.reasons.pop();
      } else if (entry.reasons.length < 3 && entry.reasons.indexOf(reason) === -1) {
        entry.reasons.push(reason);
      }
    }

    function isNoise(start, end) {
      return neighbours(compiled.noise, text, start, end).some(function (n) { return around(text, start, end, n[0], n[1]); });
    }

    function number(start, end) {
      if (isNoise(start, end)) return;
      var value = parseInt(text.slice(start, end), 10);
      var matched = false;
      neighbours(compiled.numbers, text, start, end).forEach(function (pattern) {
        var before = pattern[0], after = pattern[1];
        if (!around(text, start, end, before, after)) return;
        var anchors = [];
        pattern[2].forEach(function (tableIndex) {
          var anchor = resolve(rules, tableIndex, value);
          if (anchor) anchors.push([anchor, tableIndex]);
        });
        if (!anchors.length) return;
        matched = true;
        var why = rules.whys[pattern[3]] + (anchors.length > 1 ? rules.unsure[2].replace("{count}", anchors.length) : "");
        var span = [start - before.length, end + after.length];
        claims.push(span);
        anchors.forEach(function (a) { matches.push([a[0], rules.tables[a[1]][2], span[0], span[1], why]); });
      });
      neighbours(compiled.shapes, text, start, end).forEach(function (shape) {
        shape[4].forEach(function (tableIndex) {
          var anchor = resolve(rules, tableIndex, value);
          var span = anchor && shapeSpan(text, shape, compiled.names.get(anchor), start, end);
          if (!span) return;
          matched = true;
          claims.push(span);
          matches.push([anchor, rules.tables[tableIndex][2], span[0], span[1], rules.whys[shape[5]]]);
        });
      });
      if (matched || !(onlyANumber || (end - start >= BARE_MIN_DIGITS && standsAlone(rules, text, start, end)))) return;
      var anchors = compiled.byNumber.get(value) || [];
      anchors.forEach(function (anchor) {
        var why = anchors.length > 1 ? rules.unsure[1].replace("{count}", anchors.length) : rules.unsure[0];
        matches.push([anchor, BARE_WEIGHT, start, end, why]);
      });
    }

    function phrase(start, end) {
      var word = text.slice(start, end);
      (compiled.contextsByWord.get(word) || []).forEach(function (c) {
        if (text.startsWith(c[0], start)) contextTables.add(c[1]);
      });
      var candidates = compiled.phrasesByWord.get(word);
      if (!candidates) return;
      candidates.forEach(function (p) {
        if (!text.startsWith(p.text, start)) return;
        var stop = start + p.text.length;
        var wordLast = isWordChar(p.text.charCodeAt(p.text.length - 1));
        if (wordLast && stop < text.length && isWordChar(text.charCodeAt(stop))) return;  /* "Unknown Guilds" */
        claims.push([start, stop]);
        phrases.push([p.anchor, p.weight, start, stop, p.why]);
      });
    }

    var unknownIdentifier = false;
    function identifier(start, end) {
      var key = identifierKey(shown.slice(start, end), rules.identifier_prefix || "");
      if (!key) return;
      var entries = compiled.identifiers.get(key);
      if (!entries) { unknownIdentifier = true; return; }
      entries.forEach(function (entry) { matches.push([entry.anchor, rules.constant_weight, start, end, entry.why]); });
    }

    var i = 0;
    while (i < text.length) {
      var c = text.charCodeAt(i);
      if (!isWordChar(c)) { i++; continue; }
      var end = wordEnd(text, i);
      phrase(i, end);
      identifier(i, end);
      /* numbers: each whole run of digits, also inside a word ("DiscordAPIError[50013]") */
      var j = i;
      while (j < end) {
        if (!isDigit(text.charCodeAt(j))) { j++; continue; }
        var k = j;
        while (k < end && isDigit(text.charCodeAt(k))) k++;
        if (k - j <= MAX_DIGITS) number(j, k);
        j = k;
      }
      i = end;
    }
    matches.concat(unclaimed(phrases, claims)).forEach(function (m) { hit(m[0], m[1], m[2], m[3], m[4]); });

    var results = Array.from(found.values());
    results.forEach(function (r) {
      r.score = r.weight + Math.min(r.hits - 1, 5) +
        (contextTables.has(rules.codes[r.anchor][0]) ? rules.context_bonus : 0);
    });
    results.sort(function (a, b) { return b.score - a.score || a.first - b.first; });
    var answer = results.slice(0, MAX_RESULTS).map(function (r) {
      var code = rules.codes[r.anchor];
      return { anchor: r.anchor, kind: rules.tables[code[0]][0], code: code[1], name: code[2],
               sentence: code[3], why: r.reasons[0], reasons: r.reasons };
    });
    /* an identifier none of these rules know: the library constants may (see compile) */
    answer.wantsConstants = unknownIdentifier && !compiled.withConstants;
    /* how many come first together, nothing in the text deciding between them: the page says so */
    answer.tied = results.filter(function (r) { return results.length && r.score === results[0].score; }).length;
    return answer;
  }

  /* ------------------------------------------------------------ the page */

  function capitalised(value) { return value.charAt(0).toUpperCase() + value.slice(1); }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  /* Details (rules.details, see DETAIL_SCRIPTS in macros/lookup.py): [name, script, anchors].
     The ones some result calls for, as {name, script, anchors}. */
  function detailsWanted(rules, results) {
    var shown = new Set(results.map(function (r) { return r.anchor; }));
    return (rules.details || []).filter(function (d) {
      return d[2].some(function (anchor) { return shown.has(anchor); });
    }).map(function (d) { return { name: d[0], script: d[1], anchors: d[2], data: d[3] }; });
  }

  /* What each loaded detail script adds under a result; a script that throws adds nothing. */
  function detailElements(rules, result, text, siteRoot) {
    var registered = root.lookupDetails || {};
    var added = [];
    (rules.details || []).forEach(function (d) {
      var make = registered[d[0]];
      if (typeof make !== "function" || d[2].indexOf(result.anchor) === -1) return;
      var node = null;
      try { node = make(text, result, siteRoot); } catch (error) { node = null; }
      if (node) added.push(node);
    });
    return added;
  }

  function render(list, results, siteRoot, rules, text) {
    while (list.firstChild) list.removeChild(list.firstChild);
    results.forEach(function (result) {
      var item = element("li", "lookup-result");
      var link = element("a", "lookup-code", capitalised(result.kind) + " " + result.code + " \u00b7 " + result.name);
      link.href = siteRoot + "c/" + encodeURIComponent(result.anchor) + "/";
      item.appendChild(link);
      item.appendChild(element("span", "lookup-sentence", result.sentence));
      item.appendChild(element("span", "lookup-why", "Why: " + result.why));
      if (rules) detailElements(rules, result, text, siteRoot).forEach(function (node) { item.appendChild(node); });
      list.appendChild(item);
    });
  }

  function statusText(value, results) {
    if (!value.trim()) return "";
    if (!results.length) return "No Discord code recognised in this text.";
    if (results.length === 1) return "1 code found.";
    return results.tied > 1
      ? results.length + " codes found; nothing in the text decides between the first " + results.tied +
        ", so each is listed."
      : results.length + " codes found, most likely first.";
  }

  /* ?paste=, not ?q=: Material's search reads ?q= on every page and would open its dialog over
     the box (lazy-search.js renames a /lookup/?q= link before Material sees it). */
  function keepInAddress(value) {
    var url = new URL(location.href);
    if (value && value.length <= MAX_URL_TEXT) url.searchParams.set(SHARE_PARAMETER, value);
    else url.searchParams.delete(SHARE_PARAMETER);
    history.replaceState(history.state, "", url.href);
  }

  function start() {
    var box = document.getElementById("lookup-input");
    var list = document.getElementById("lookup-results");
    var status = document.getElementById("lookup-status");
    if (!box || !list || !root.lookupRules) return;
    var compiled = compile(root.lookupRules);
    var siteRoot = box.closest(".lookup").getAttribute("data-site-root") || "./";
    var scheduled = false;
    var fetchingConstants = false;
    /* Scripts still loading that may change the answer: the lookup:answered event says how many,
       so whoever waits for the answer (a test, the benchmark) can wait for the settled one. */
    var pending = 0;

    /* Loaded (or failed): one fewer pending, and the box is answered again with what arrived. */
    function whenLoaded(script, then) {
      pending += 1;
      script.onload = function () { pending -= 1; then(); answer(); };
      script.onerror = function () { pending -= 1; answer(); };
    }

    function fetchConstants() {
      fetchingConstants = true;
      var script = document.createElement("script");
      script.src = siteRoot + "assets/javascripts/lookup-constants.js";
      whenLoaded(script, function () { compiled = compile(root.lookupRules, root.lookupConstants); });
      document.head.appendChild(script);
    }

    /* A detail script is fetched once, the first time a result calls for it. */
    var fetchedDetails = new Set();
    function fetchDetails(results) {
      detailsWanted(compiled.rules, results).forEach(function (detail) {
        if (fetchedDetails.has(detail.name)) return;
        fetchedDetails.add(detail.name);
        /* Both at once, run in order (async = false): the data first, so the script finds it. */
        [detail.data, detail.script].forEach(function (path, index) {
          if (!path) return;
          var script = document.createElement("script");
          script.async = false;
          script.src = siteRoot + path;
          if (index === 1) whenLoaded(script, function () {});
          document.head.appendChild(script);
        });
      });
    }

    function answer() {
      scheduled = false;
      var results = find(compiled, box.value);
      if (results.wantsConstants && !fetchingConstants) fetchConstants();
      fetchDetails(results);
      render(list, results, siteRoot, compiled.rules, box.value);
      if (status) status.textContent = statusText(box.value, results);
      box.dispatchEvent(new CustomEvent("lookup:answered", { detail: { results: results.length, pending: pending } }));
    }

    /* Typing fires many events; one answer per turn of the event loop keeps up with all of them.
       The address follows once typing pauses: browsers throttle a page that rewrites its history
       on every keystroke. */
    var addressTimer = 0;
    box.addEventListener("input", function () {
      if (!scheduled) { scheduled = true; setTimeout(answer, 0); }
      clearTimeout(addressTimer);
      addressTimer = setTimeout(function () { keepInAddress(box.value); }, ADDRESS_DELAY_MS);
    });

    var shared = new URLSearchParams(location.search).get(SHARE_PARAMETER);
    if (shared) {
      box.value = shared;
      answer();
    }
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { compile: compile, find: find, detailsWanted: detailsWanted, statusText: statusText };
  } else if (typeof document !== "undefined") {
    start();
  }
})(typeof window !== "undefined" ? window : globalThis);
