/* The 50035 details of the paste-your-error lookup: which fields of an Invalid Form Body broke.
   Loaded by lookup.js only when a result is json-50035 (DETAIL_SCRIPTS in macros/lookup.py); its
   data (codes and limits, generated from data/field-errors.toml) is fetched on first use.

   Pasted text is untrusted: it is read line by line with indexOf and plain loops (no regular
   expression runs over it), JSON is parsed only when its nesting is shallow, the tree is walked
   without recursion, keys go into Maps, and everything shown is set with textContent. */
(function (root) {
  "use strict";

  var MAX_TEXT = 100000;      /* longer pastes are not read for field errors */
  var MAX_DEPTH = 64;         /* deeper JSON is not parsed */
  var MAX_ERRORS = 50;        /* field errors listed at most */
  var MARKER = "invalid form body";
  var MAX_BODIES = 20;        /* JSON objects looked at, at most */
  var MAX_BLOCK = 4000;       /* one serenity error block, at most */
  var MAX_BLOCKS = 200;       /* serenity error blocks read, at most */

  function isCodeWord(word) {
    /* BASE_TYPE_MAX_LENGTH: upper case letters, digits and at least one underscore */
    if (word.length < 3 || word.length > 80 || word.indexOf("_") < 1) return false;
    for (var i = 0; i < word.length; i++) {
      var c = word.charCodeAt(i);
      if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
    }
    return true;
  }

  function isPathWord(word) {
    /* embeds[0].fields[9].value, data.embeds.0.fields, 7, options[1]. Discord's field names are
       lower case, so "net.dv8tion.ContextException" or "Error" is not a path. */
    if (!word.length || word.length > 300) return false;
    for (var i = 0; i < word.length; i++) {
      var c = word.charCodeAt(i);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) ||
            c === 95 || c === 46 || c === 91 || c === 93)) return false;
    }
    return true;
  }

  function lastWord(text) {
    var trimmed = text.trim();
    var space = Math.max(trimmed.lastIndexOf(" "), trimmed.lastIndexOf("\t"));
    return trimmed.slice(space + 1);
  }

  /* ------------------------------------------------------------ raw JSON */

  /* Where the object opening at `start` closes (brackets outside strings), -1 when it does not
     or when it nests deeper than MAX_DEPTH: such text is never handed to JSON.parse. One pass. */
  function objectEnd(text, start) {
    var depth = 0, inString = false;
    for (var i = start; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;            /* backslash: skip the escaped character */
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        if (++depth > MAX_DEPTH) return -1;
      } else if (c === 125 || c === 93) {
        if (--depth === 0) return i;
      }
    }
    return -1;
  }

  /* The field errors of the first body with an "errors" tree. A log may hold the body several
     times or after other text (discordgo prints "HTTP 400 Bad Request, {...}"). At most
     MAX_BODIES objects are scanned, each at most once to the end of the text: linear. */
  function fromJson(text) {
    var start = text.indexOf("{");
    for (var tries = 0; start >= 0 && tries < MAX_BODIES; tries++) {
      var end = objectEnd(text, start);
      if (end < 0) { start = text.indexOf("{", start + 1); continue; }   /* cut off or too deep */
      var body = text.slice(start, end + 1);
      if (body.indexOf("\"errors\"") >= 0) {
        var found = errorsOf(body);
        if (found.length) return found;
      }
      start = text.indexOf("{", end + 1);
    }
    return [];
  }

  function errorsOf(body) {
    var parsed;
    try { parsed = JSON.parse(body); } catch (error) { return []; }
    if (!parsed || typeof parsed !== "object" || !parsed.errors || typeof parsed.errors !== "object") return [];
    var found = [];
    var stack = [{ node: parsed.errors, path: [] }];
    while (stack.length && found.length < MAX_ERRORS) {
      var item = stack.pop();
      var keys = Object.keys(item.node);
      for (var k = keys.length - 1; k >= 0; k--) {
        var key = keys[k];
        var value = item.node[key];
        if (key === "_errors" && Array.isArray(value)) {
          value.forEach(function (entry) {
            if (entry && typeof entry === "object" && found.length < MAX_ERRORS) {
              found.push({ path: pathText(item.path), code: String(entry.code || ""), message: String(entry.message || ""), from: "json" });
            }
          });
        } else if (value && typeof value === "object" && !Array.isArray(value) && item.path.length < MAX_DEPTH) {
          stack.push({ node: value, path: item.path.concat([key]) });
        }
      }
    }
    return found;
  }

  function pathText(parts) {
    /* ["embeds", "0", "title"] -> "embeds.0.title", as the body names it */
    return parts.join(".");
  }

  /* ------------------------------------------------------------ library renderings */

  /* One line of a library's rendering, or null. Shapes (see /fields/ for a source of each):
     discord.js v14  path[CODE]: message
     discord.js v12/v13, Eris  path: message
     discord.py  In path: message
     JDA  "- CODE: message" under a line holding the path
     Discord.Net  CODE: message */
  function fromLine(line, previous) {
    var trimmed = line.trim();
    if (!trimmed || trimmed.slice(0, 3) === "at ") return null;
    var colon = trimmed.indexOf(": ");
    if (colon < 1) return null;
    var head = trimmed.slice(0, colon);
    var message = trimmed.slice(colon + 2).trim();
    if (!message) return null;
    if (head.charAt(head.length - 1) === "]") {
      var open = head.lastIndexOf("[");
      var code = head.slice(open + 1, head.length - 1);
      if (open >= 0 && isCodeWord(code)) {
        var before = lastWord(head.slice(0, open));
        return isPathWord(before) || before === "" ? { path: before, code: code, message: message, from: "line" } : null;
      }
    }
    if (head.slice(0, 2) === "- " && isCodeWord(head.slice(2))) {
      return { path: isPathWord(previous) ? previous : "", code: head.slice(2), message: message, from: "line" };
    }
    if (head.slice(0, 3) === "In ") head = head.slice(3);
    /* Discordia: "CODE in path : message" */
    var words = head.trim().split(" ");
    if (words.length === 3 && words[1] === "in" && isCodeWord(words[0]) && isPathWord(words[2])) {
      return { path: words[2], code: words[0], message: message, from: "line" };
    }
    var word = lastWord(head);
    if (isCodeWord(word) && word === head.trim()) return { path: "", code: word, message: message, from: "line" };
    if (isPathWord(word)) return { path: word, code: "", message: message, from: "line" };
    return null;
  }

  function fromLines(text) {
    var lower = text.toLowerCase();
    var at = lower.indexOf(MARKER);
    if (at < 0) return [];
    var lines = text.slice(at + MARKER.length).split("\n");
    var found = [];
    var previous = "";
    /* The first line is the rest of the marker's own line ("\nembeds..." or " embeds[0]... " when
       a log squeezed it onto one line). */
    for (var i = 0; i < lines.length && found.length < MAX_ERRORS; i++) {
      var line = lines[i];
      var error = fromLine(line, previous);
      if (error) found.push(error);
      var t = line.trim();
      if (t) previous = t;
      if (t.slice(0, 3) === "at " && found.length) break;   /* the stack trace: the errors are over */
    }
    return found;
  }

  /* ------------------------------------------------------------ serenity */

  /* A Rust string literal starting at a quote: its text, and where it ends. */
  function quoted(text, start) {
    if (text.charAt(start) !== "\"") return null;
    var out = "";
    for (var i = start + 1; i < text.length && out.length < 2000; i++) {
      var c = text.charAt(i);
      if (c === "\\") { out += text.charAt(i + 1); i++; }
      else if (c === "\"") return { value: out, end: i + 1 };
      else out += c;
    }
    return null;
  }

  /* name: "value" inside one error's block (a short slice, so each search stays within it) */
  function field(block, name) {
    var at = block.indexOf(name + ": \"");
    if (at < 0) return "";
    var value = quoted(block, at + name.length + 2);
    return value ? value.value : "";
  }

  /* serenity: DiscordJsonSingleError { code: "...", message: "...", path: "..." } */
  function fromSerenity(text) {
    var found = [];
    var marker = "DiscordJsonSingleError {";
    var at = text.indexOf(marker);
    var seen = 0;
    /* Each block is read from a slice of at most MAX_BLOCK characters, and only so many blocks:
       a paste of nothing but markers stays linear. */
    while (at >= 0 && found.length < MAX_ERRORS && seen++ < MAX_BLOCKS) {
      var block = text.slice(at, at + MAX_BLOCK);
      var end = block.indexOf("}");
      if (end > 0) {
        block = block.slice(0, end);
        var code = field(block, "code"), message = field(block, "message");
        if (isCodeWord(code) && message) found.push({ path: field(block, "path"), code: code, message: message, from: "serenity" });
      }
      at = text.indexOf(marker, at + marker.length);
    }
    return found;
  }

  /* Every field error in the text: the raw body when there is one, else the library's lines. */
  function parse(text) {
    if (typeof text !== "string" || !text || text.length > MAX_TEXT) return [];
    var errors = fromJson(text);
    if (!errors.length) errors = fromSerenity(text);
    if (!errors.length) errors = fromLines(text);
    var seen = new Set();
    return errors.filter(function (e) {
      var key = e.path + "\u0000" + e.code + "\u0000" + e.message;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /* ------------------------------------------------------------ meaning, code, limit */

  function normalised(message) {
    var value = message.trim().toLowerCase();
    while (value.length && (value.charAt(value.length - 1) === "." || value.charAt(value.length - 1) === "\"")) value = value.slice(0, -1);
    return value;
  }

  /* Does a message fit a template like "Must be {max} or fewer in length."? The literal pieces
     must appear in order; each slot takes any text. Linear: one indexOf per piece. */
  function fitsTemplate(message, template) {
    var pieces = normalised(template).split(/\{[a-z]+\}/);
    var text = normalised(message);
    var at = 0;
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i];
      if (!piece) continue;
      var found = text.indexOf(piece, at);
      if (found < 0 || (i === 0 && found !== 0)) return false;
      at = found + piece.length;
    }
    var last = pieces[pieces.length - 1];
    return !last || at === text.length;
  }

  /* The first code (in the registry's order) one of whose message templates the message fits. */
  function inferCode(data, message) {
    var codes = Object.keys(data.codes);
    for (var i = 0; i < codes.length; i++) {
      var templates = data.codes[codes[i]][1];
      for (var t = 0; t < templates.length; t++) if (fitsTemplate(message, templates[t])) return codes[i];
    }
    return "";
  }

  function countsOrLengths(templates) {
    return templates.some(function (t) { return t.indexOf("{max}") >= 0; });
  }

  function lastNumber(message) {
    var number = null, digits = "";
    for (var i = 0; i <= message.length; i++) {
      var c = i < message.length ? message.charCodeAt(i) : 0;
      if (c >= 48 && c <= 57 && digits.length < 12) digits += message.charAt(i);
      else if (digits) { number = parseInt(digits, 10); digits = ""; }
    }
    return number;
  }

  function pathTokens(path) {
    var spaced = path.split("[]").join(".#").split("[").join(".").split("]").join(".");
    return spaced.split(".").filter(function (p) { return p; }).map(function (p) {
      for (var i = 0; i < p.length; i++) { var c = p.charCodeAt(i); if (c < 48 || c > 57) return p; }
      return "#";
    });
  }

  function patternMatches(pattern, path) {
    var want = pathTokens(pattern), have = pathTokens(path);
    if (!want.length) return have.every(function (t) { return t === "#"; });
    if (have.length < want.length) return false;
    var offset = have.length - want.length;
    for (var i = 0; i < want.length; i++) if (have[offset + i] !== want[i]) return false;
    return true;
  }

  /* The documented limit a path (and the number in the message) refers to, as macros/field_errors.limit_for. */
  function limitFor(data, path, number) {
    var best = null, bestExact = false, bestLength = -1;
    data.limits.forEach(function (limit) {
      limit[3].forEach(function (pattern) {
        if (!patternMatches(pattern, path)) return;
        var exact = limit[1] === number, length = pathTokens(pattern).length;
        if (!best || (exact && !bestExact) || (exact === bestExact && length > bestLength)) {
          best = limit; bestExact = exact; bestLength = length;
        }
      });
    });
    return best;
  }

  /* Each field error with what the registry knows: {path, code, inferred, message, known, anchor,
     meaning, limit: [what, max, unit, paths, url] or null}. */
  function explain(data, errors) {
    return errors.map(function (error) {
      var code = error.code || inferCode(data, error.message);
      var entry = Object.prototype.hasOwnProperty.call(data.codes, code) ? data.codes[code] : null;
      var number = lastNumber(error.message);
      var limit = entry && countsOrLengths(entry[1]) ? limitFor(data, error.path, number) : null;
      return { path: error.path, code: code, inferred: !error.code && !!code, message: error.message,
               known: !!entry, anchor: entry ? entry[0] : "", meaning: entry ? entry[2] : "", limit: limit };
    });
  }

  /* ------------------------------------------------------------ the page */

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function render(explained, siteRoot) {
    var box = element("div", "lookup-fields");
    box.appendChild(element("p", "lookup-fields-title",
      explained.length === 1 ? "1 field error in this Invalid Form Body:" : explained.length + " field errors in this Invalid Form Body:"));
    var list = element("ul", "lookup-fields-list");
    explained.forEach(function (e) {
      var item = element("li", "lookup-field");
      item.appendChild(element("code", "lookup-field-path", e.path || "(the body)"));
      item.appendChild(document.createTextNode(" "));
      if (e.known) {
        var link = element("a", "lookup-field-code", e.code);
        link.href = siteRoot + "c/" + encodeURIComponent(e.anchor) + "/";
        item.appendChild(link);
        if (e.inferred) item.appendChild(element("span", "lookup-field-inferred", " (read from the message)"));
      } else if (e.code) {
        item.appendChild(element("span", "lookup-field-code", e.code));
      }
      item.appendChild(element("span", "lookup-field-message", ": " + e.message));
      /* Block elements: each fact on a line of its own, without styles of their own. */
      if (e.known) {  /* Discord documents no field error code: the meaning is ours (field_site.OUR_READING) */
        var meaning = element("div", "lookup-field-meaning", e.meaning);
        meaning.appendChild(element("span", "lookup-basis", " (our reading)"));
        item.appendChild(meaning);
      }
      else item.appendChild(element("div", "lookup-field-unknown",
        e.code ? e.code + " is not in the field error registry yet." : "This message is not in the field error registry yet."));
      if (e.limit) {
        var limit = element("div", "lookup-field-limit", "Documented limit: " + e.limit[0] + ", at most " + e.limit[1] + " " + e.limit[2] + " ");
        var docs = element("a", "", "(Discord docs)");
        docs.href = e.limit[4];
        docs.rel = "noopener";
        limit.appendChild(docs);
        item.appendChild(limit);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  /* lookup.js loads the data (lookup-fields-data.js, DETAIL_SCRIPTS in macros/lookup.py) before
     this script and answers again once both are here; without it there is nothing to add. */
  function details(text, result, siteRoot) {
    var data = root.lookupFieldsData;
    if (!data) return null;
    var errors = parse(text);
    if (!errors.length) return null;
    var holder = element("div", "lookup-fields-holder");
    holder.appendChild(render(explain(data, errors), siteRoot));
    return holder;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { parse: parse, explain: explain, inferCode: inferCode, limitFor: limitFor, fitsTemplate: fitsTemplate };
  } else {
    root.lookupDetails = root.lookupDetails || {};
    root.lookupDetails.fields = details;
  }
})(typeof window !== "undefined" ? window : globalThis);
