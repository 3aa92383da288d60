/* Which REST route a 50013 (Missing Permissions) or 50001 (Missing Access) was for, and what it
   needs: a detail of the paste-your-error lookup (see DETAIL_SCRIPTS in macros/lookup.py).
   lookup.js fetches this script only when a result is one of those codes; this script fetches
   its data, assets/javascripts/lookup-routes-data.js (generated from data/endpoints.toml and
   data/permissions.toml by macros/endpoints/export.py), and asks the box to answer again once
   it has arrived.

   Reading a paste is linear: the text is cut into tokens at spaces and quotes once; a token that
   looks like a Discord URL or path is split at "/" and walked down a trie of the route templates
   segment by segment (a literal segment, or a placeholder taking any one segment). No regular
   expression ever runs over the pasted text, and the text only ever reaches the page as
   textContent. */
(function (root) {
  "use strict";

  var METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
  var MAX_TOKEN = 2048; /* no Discord URL is longer; a longer token is not one */
  var MAX_SHOWN = 6;
  var HOSTS = ["discord.com", "discordapp.com"];

  /* ---------------------------------------------------------------- the matcher (pure) */

  function isPlaceholder(segment) {
    return segment.charAt(0) === "{" && segment.charAt(segment.length - 1) === "}";
  }

  /* A trie of the templates: node = {literal: {segment: node}, any: node|null, routes: [index]}. */
  function buildTrie(routes) {
    var top = { literal: Object.create(null), any: null, routes: [] };
    var depth = 0;
    routes.forEach(function (route, index) {
      var segments = route[1].split("/").slice(1);
      depth = Math.max(depth, segments.length);
      var node = top;
      segments.forEach(function (segment) {
        if (isPlaceholder(segment)) {
          node = node.any || (node.any = { literal: Object.create(null), any: null, routes: [] });
        } else {
          var key = segment.toLowerCase();
          node = node.literal[key] || (node.literal[key] = { literal: Object.create(null), any: null, routes: [] });
        }
      });
      node.routes.push(index);
    });
    return { top: top, depth: depth, routes: routes };
  }

  /* Routes whose template fits the segments, with how many of their segments were literal. The
     walk visits each trie node at most once per depth, so its cost is bounded by the trie's size. */
  function walk(trie, segments) {
    var found = [];
    var frontier = [{ node: trie.top, literal: 0 }];
    for (var i = 0; i < segments.length && frontier.length; i++) {
      var segment = segments[i];
      var lower = segment.toLowerCase();
      var next = [];
      frontier.forEach(function (state) {
        var exact = state.node.literal[lower];
        if (exact) next.push({ node: exact, literal: state.literal + 1 });
        if (state.node.any && segment.length) next.push({ node: state.node.any, literal: state.literal });
      });
      frontier = next;
    }
    frontier.forEach(function (state) {
      state.node.routes.forEach(function (index) { found.push({ index: index, literal: state.literal }); });
    });
    return found;
  }

  /* The path of a token, without host, /api, version, query or fragment; null if it is none. */
  function pathOf(token) {
    var start = token.indexOf("://");
    var path = token;
    if (start !== -1) {
      var rest = token.slice(start + 3);
      var slash = rest.indexOf("/");
      var host = (slash === -1 ? rest : rest.slice(0, slash)).toLowerCase();
      var known = HOSTS.some(function (h) { return host === h || host.slice(-(h.length + 1)) === "." + h; });
      if (!known || slash === -1) return null;
      path = rest.slice(slash);
    }
    if (path.charAt(0) !== "/") return null;
    var cut = path.length;
    ["?", "#"].forEach(function (mark) { var at = path.indexOf(mark); if (at !== -1 && at < cut) cut = at; });
    path = path.slice(0, cut);
    while (path.length > 1 && (path.charAt(path.length - 1) === "/" || path.charAt(path.length - 1) === "." ||
                               path.charAt(path.length - 1) === ":")) path = path.slice(0, -1);
    var segments = path.split("/").slice(1);
    if (segments[0] && segments[0].toLowerCase() === "api") {
      segments.shift();
      var version = segments[0] || "";
      if (version.length > 1 && (version.charAt(0) === "v" || version.charAt(0) === "V") && isDigits(version.slice(1))) segments.shift();
    }
    return segments;
  }

  function isDigits(text) {
    if (!text.length) return false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }

  function isSeparator(c) {
    return c === " " || c === "\n" || c === "\r" || c === "\t" || c === "'" || c === "\"" || c === "`" ||
      c === "," || c === "(" || c === ")" || c === "[" || c === "]" || c === "<" || c === ">";
  }

  /* Tokens of the text with their positions, in one pass. */
  function tokens(text) {
    var found = [];
    var start = -1;
    for (var i = 0; i <= text.length; i++) {
      var c = i < text.length ? text.charAt(i) : " ";
      if (isSeparator(c)) {
        if (start !== -1) found.push({ text: text.slice(start, i), at: start });
        start = -1;
      } else if (start === -1) {
        start = i;
      }
    }
    return found;
  }

  function methodWord(token) {
    var word = token.text;
    while (word.length && (word.charAt(word.length - 1) === ":" || word.charAt(word.length - 1) === ",")) word = word.slice(0, -1);
    word = word.toUpperCase();
    return METHODS.indexOf(word) !== -1 ? word : "";
  }

  /* The request a text names: [{path: pasted path, method: "PUT" or "", routes: [index]}].
     The method is the word right before the path (Discord4J "DELETE /guilds/...", Eris "on PUT
     /api/..."), else the value after a `method` key anywhere in the text (discord.js), else none. */
  function findRequests(trie, text) {
    var list = tokens(String(text));
    var keyed = "";
    list.forEach(function (token, i) {
      var word = token.text.toLowerCase();
      if ((word === "method:" || word === "method=" || word === "method") && list[i + 1]) {
        var value = methodWord(list[i + 1]);
        if (!value && list[i + 1].text === ":" && list[i + 2]) value = methodWord(list[i + 2]);
        if (value && !keyed) keyed = value;
      } else if (word.slice(-7) === "method:" && list[i + 1]) {
        var after = methodWord(list[i + 1]);
        if (after && !keyed) keyed = after;
      }
    });
    var requests = [];
    var seen = Object.create(null);
    list.forEach(function (token, i) {
      if (token.text.length > MAX_TOKEN || token.text.indexOf("/") === -1) return;
      var segments = pathOf(token.text);
      if (!segments || !segments.length || segments.length > trie.depth) return;
      var matches = walk(trie, segments);
      if (!matches.length) return;
      var before = i > 0 ? methodWord(list[i - 1]) : "";
      var method = before || keyed;
      var key = method + " /" + segments.join("/");
      if (seen[key]) return;
      seen[key] = true;
      requests.push({ path: "/" + segments.join("/"), method: method, routes: pick(trie, matches, method) });
    });
    return requests.filter(function (r) { return r.routes.length; });
  }

  /* The routes a path can be: of the given method when one is known (all methods when none fits),
     and of those only the most literal (/members/@me before /members/{user.id}). */
  function pick(trie, matches, method) {
    var fitting = method ? matches.filter(function (m) { return trie.routes[m.index][0] === method; }) : matches;
    if (!fitting.length) fitting = matches;
    var best = Math.max.apply(null, fitting.map(function (m) { return m.literal; }));
    var indexes = [];
    fitting.forEach(function (m) { if (m.literal === best && indexes.indexOf(m.index) === -1) indexes.push(m.index); });
    return indexes;
  }

  /* ---------------------------------------------------------------- the answer (DOM) */

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, text, code) {
    var a = element("a");
    a.href = href;
    if (code) a.appendChild(element("code", "", text)); else a.textContent = text;
    return a;
  }

  function flagAnchor(name) { return "perm-" + name.toLowerCase().split("_").join("-"); }

  /* Text with `code spans` as nodes, never as markup. */
  function appendRich(parent, text) {
    String(text).split("`").forEach(function (part, i) {
      if (part) parent.appendChild(i % 2 ? element("code", "", part) : document.createTextNode(part));
    });
  }

  function appendFlags(parent, flags, page, joiner) {
    flags.forEach(function (flag, i) {
      if (i) parent.appendChild(document.createTextNode(joiner));
      parent.appendChild(link(page + "#" + flagAnchor(flag), flag, true));
    });
  }

  function routeItem(data, route, codeAnchor, page) {
    var item = element("li", "lookup-route");
    var title = element("div", "lookup-route-name");
    title.appendChild(link(page + "#" + route[3], route[2]));
    title.appendChild(document.createTextNode(" "));
    title.appendChild(element("code", "", route[0] + " " + route[1]));
    item.appendChild(title);
    var needs = element("div", "lookup-route-needs");
    if (route[4].length) {
      needs.appendChild(document.createTextNode("Needs: "));
      appendFlags(needs, route[4], page, " and ");
      item.appendChild(needs);
    }
    route[5].forEach(function (condition) {
      var line = element("div", "lookup-route-condition");
      line.appendChild(document.createTextNode("Needs "));
      appendFlags(line, condition[0], page, condition[2] === "any" ? " or " : " and ");
      line.appendChild(document.createTextNode(" when "));
      appendRich(line, condition[1]);
      item.appendChild(line);
    });
    route[6].forEach(function (intent) {
      var line = element("div", "lookup-route-intent");
      line.appendChild(document.createTextNode("Needs the "));
      line.appendChild(element("code", "", intent));
      line.appendChild(document.createTextNode(" privileged intent, turned on for the bot in the Developer Portal and sent when it connects."));
      item.appendChild(line);
    });
    if (!route[4].length && !route[5].length && !route[6].length) {
      item.appendChild(element("div", "lookup-route-needs", "Discord's docs name no permission flag for this route."));
    }
    var causes = data.rules.filter(function (rule) {
      return rule[3].indexOf(codeAnchor) !== -1 && rule[2].some(function (t) { return route[7].indexOf(t) !== -1; });
    });
    if (causes.length) {
      var also = element("div", "lookup-route-causes", "If the flag is granted, check: ");
      causes.slice(0, 3).forEach(function (rule, i) {
        if (i) also.appendChild(document.createTextNode("; "));
        also.appendChild(link(page + "#" + rule[0], rule[1]));
      });
      item.appendChild(also);
    }
    return item;
  }

  var compiled = null;

  function routesAnswer(text, result, siteRoot) {
    var data = root.lookupRouteData;  /* loaded by lookup.js before this script (DETAIL_SCRIPTS) */
    if (!data) return null;
    if (!compiled) compiled = buildTrie(data.routes);
    /* A 403 comes with the JSON code that says more (50013, 50001), ranked above it: lookup.js
       appends each result as it is made, so a route answer already in the list is that code's. */
    var list = document.getElementById("lookup-results");
    if (result.anchor === "http-403" && list && list.querySelector(".lookup-routes")) return null;
    var requests = findRequests(compiled, text);
    if (!requests.length) return null;
    var page = siteRoot + data.page;
    var box = element("div", "lookup-routes");
    requests.slice(0, 3).forEach(function (request) {
      var intro = request.method
        ? "The request was " + request.method + " " + request.path.slice(0, 200) + ":"
        : "The text gives no method for " + request.path.slice(0, 200) + (request.routes.length > 1
          ? ", so it can be any of these routes:" : "; the route with this path:");
      box.appendChild(element("div", "lookup-route-request", intro));
      var list = element("ul", "lookup-route-list");
      request.routes.slice(0, MAX_SHOWN).forEach(function (index) {
        list.appendChild(routeItem(data, data.routes[index], result.anchor, page));
      });
      box.appendChild(list);
    });
    return box;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { buildTrie: buildTrie, findRequests: findRequests, pathOf: pathOf, tokens: tokens };
  } else {
    root.lookupDetails = root.lookupDetails || {};
    root.lookupDetails.routes = routesAnswer;
  }
})(typeof window !== "undefined" ? window : globalThis);
