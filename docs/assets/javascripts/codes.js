/* Deep links that land, and copy-link buttons. Loaded on every page, after code-map.js. */
(function () {
  "use strict";

  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  /* The fragment as an id, or "" when it cannot be decoded ("#%E0%A4%A"): such a link leads
     nowhere, and decodeURIComponent would throw on it. */
  function fragmentId() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return ""; }
  }

  /* Only the map's own entries count: "#constructor" or "#__proto__" must not find what every
     object inherits. */
  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  /* "/#close-4011" or "/json/#close-4011": the id is not on this page, so go where it lives. */
  function forward() {
    var id = fragmentId();
    if (!id || document.getElementById(id) || !window.codeMap) return;
    var map = window.codeMap;
    var target = own(map.redirects, id);
    if (typeof target !== "string") {
      target = undefined;
      for (var page in map.pages) {
        if (own(map.pages, page) && map.pages[page].indexOf(id) !== -1) { target = page + "#" + id; break; }
      }
    }
    if (target) location.replace(new URL(target, siteBase()).href);
  }

  function announce(message) {
    var status = document.getElementById("codes-status");
    if (!status) {
      status = document.createElement("div");
      status.id = "codes-status";
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    setTimeout(function () { status.textContent = message; }, 50);
  }

  function copyText(value) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(value);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = value;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  function copyButton(event) {
    return event.target.closest ? event.target.closest("button.copy-link") : null;
  }

  /* The copy button copies the code's own page, /c/<anchor>/ (the anchor is its row's id, or its
     data-code on the code page): chat apps unfurl it with the code's name and explanation. */
  document.addEventListener("click", function (event) {
    var button = copyButton(event);
    if (!button) return;
    var row = button.closest("tr[id]");
    var anchor = button.getAttribute("data-code") || (row && row.id);
    if (!anchor) return;
    var url = new URL("c/" + encodeURIComponent(anchor) + "/", siteBase()).href;
    copyText(url).then(function () {
      button.setAttribute("data-copied", "");
      announce("Link copied: " + url);
      setTimeout(function () { button.removeAttribute("data-copied"); }, 2000);
    }, function () { announce("Could not copy. The link is " + url); });
  });

  /* A tooltip for mouse users, given as the pointer arrives: not repeated in every row of the
     HTML, and no work on page load. */
  document.addEventListener("mouseover", function (event) {
    var button = copyButton(event);
    if (button && !button.title) button.title = "Copy link";
  });

  /* Material's search dialog has no accessible name. */
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the codes");

  window.addEventListener("hashchange", forward);
  forward();
})();
