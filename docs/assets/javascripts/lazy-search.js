/* Search, loaded when the reader first shows they want it. Inlined into every page's <head> by
   macros/mkdocs_adapter.py, so it runs before Material's bundle, which would otherwise fetch the
   search index and start its search worker on every page load: most visits never search, and on
   a phone those are the largest files of a first visit.

   Until the reader focuses or clicks the search field or icon, presses a search hotkey ("/", "s",
   "f"), or opens a page with ?q= (but /lookup/, see below), the index request and the worker
   wait. Material queues the query until its worker reports ready and then reads the field again,
   so nothing typed in the meantime is lost.

   It also asks for each whole number of a query once more, exactly and boosted (macros/README.md,
   "Searching"). Depends on Material: the index URL, the worker's URL and its query message. */
(function () {
  "use strict";
  var INDEX_URL = /\/search\/search_index\.json(?:[?#]|$)/;
  var WORKER_URL = /\/workers\/search\.[^\/]*\.js(?:[?#]|$)/;
  var SEARCH_QUERY = 2; /* the type of Material's query message to its search worker */
  var wanted = false;
  var waiting = [];

  function whenWanted(task) {
    if (wanted) task(); else waiting.push(task);
  }

  function want() {
    if (wanted) return;
    wanted = true;
    var tasks = waiting;
    waiting = [];
    tasks.forEach(function (task) { task(); });
  }

  /* "4004" -> "4004 4004^10": lunr gives the rarer longer numbers that Material's trailing
     wildcard reaches (40041, 40043) more weight than the exact number many codes share. */
  function withExactNumbers(query) {
    return query.replace(/(^|\s)((?:[a-z]+-)*)(\d+)(?=\s|$)/gi, "$1$2$3 $3^10");
  }

  function rewritten(message) {
    if (message && message.type === SEARCH_QUERY && typeof message.data === "string") {
      return { type: message.type, data: withExactNumbers(message.data) };
    }
    return message;
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.codesSearchIndex = INDEX_URL.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (request.codesSearchIndex && !wanted) {
      whenWanted(function () { send.apply(request, args); });
      return undefined;
    }
    return send.apply(request, args);
  };

  /* The search worker is a stand-in until search is wanted: messages wait in order, then go to
     the real worker, whose answers are passed on as the stand-in's own "message" events. */
  var RealWorker = window.Worker;
  if (RealWorker && typeof EventTarget === "function") {
    var LazyWorker = function (url, options) {
      if (!WORKER_URL.test(String(url))) return new RealWorker(url, options);
      var standIn = new EventTarget();
      var real = null;
      var queue = [];
      standIn.postMessage = function (message) {
        message = rewritten(message);
        if (real) real.postMessage(message); else queue.push(message);
      };
      standIn.terminate = function () {
        if (real) real.terminate();
        queue = [];
      };
      whenWanted(function () {
        real = new RealWorker(url, options);
        real.addEventListener("message", function (event) {
          standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
        });
        real.addEventListener("error", function () { standIn.dispatchEvent(new Event("error")); });
        queue.forEach(function (message) { real.postMessage(message); });
        queue = [];
      });
      return standIn;
    };
    LazyWorker.prototype = RealWorker.prototype;
    window.Worker = LazyWorker;
  }

  function isSearchField(node) {
    return !!(node && node.closest && node.closest("[data-md-component=search], label[for=__search], #__search"));
  }

  function typing(node) {
    return !!(node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName)));
  }

  var events = ["focusin", "pointerdown", "click", "keydown", "change"];
  function onIntent(event) {
    var asked = event.type === "keydown"
      ? (!event.ctrlKey && !event.metaKey && !event.altKey &&
         (isSearchField(event.target) || (!typing(event.target) && /^[\/sf]$/i.test(event.key))))
      : isSearchField(event.target);
    if (!asked) return;
    events.forEach(function (type) { document.removeEventListener(type, onIntent, true); });
    want();
  }
  events.forEach(function (type) { document.addEventListener(type, onIntent, true); });
  /* The lookup page's share parameter is ?paste= (lookup.js). Links to /lookup/?q= (its first
     share parameter, kept by the URL contract) are renamed here, before Material's bundle runs:
     Material reads ?q= on any page as a search deep link, would open its dialog over the lookup
     and fetch the index. */
  if (/\/lookup\/(index\.html)?$/.test(location.pathname) && /[?&]q=/.test(location.search) &&
      window.URLSearchParams && window.history && history.replaceState) {
    var address = new URL(location.href);
    if (!address.searchParams.has("paste")) address.searchParams.set("paste", address.searchParams.get("q"));
    address.searchParams.delete("q");
    history.replaceState(history.state, "", address.href);
  }
  if (/[?&]q=/.test(location.search)) want(); /* Material's search deep link opens search at once */
})();
