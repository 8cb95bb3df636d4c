// Reports this page's view, and later its read, to the site itself
// (analytics/beacon.py): the page's path, the host of another site whose
// link brought the reader, and after a search that found nothing its words.
// No cookie, no storage, nothing about the reader. A read: 30 seconds on
// screen in all (analytics.beacon.READ_SECONDS), or scrolled to the middle
// of the article.
(function () {
  "use strict";
  var script = document.currentScript;
  var endpoint = script && script.getAttribute("data-count");
  if (!endpoint || !navigator.sendBeacon) {
    return;
  }
  var path = location.pathname;

  function send(fields) {
    fields.p = path;
    navigator.sendBeacon(endpoint, new URLSearchParams(fields));
  }

  var view = { e: "v" };
  try {
    var from = new URL(document.referrer);
    if (from.host !== location.host && /^https?:$/.test(from.protocol)) {
      view.r = from.hostname;
    }
  } catch (error) {
    // No referrer, or none that names a site.
  }
  if (document.querySelector("[data-no-results]")) {
    view.q = new URLSearchParams(location.search).get("q") || "";
  }
  send(view);

  var article = document.querySelector("article.article");
  if (!article) {
    return;
  }
  var needed = 30000;
  var shown = 0;
  var since = null;
  var timer = null;
  var done = false;

  function read() {
    if (done) {
      return;
    }
    done = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("scroll", onScroll);
    send({ e: "r" });
  }
  function resume() {
    if (since === null && document.visibilityState === "visible") {
      since = Date.now();
      timer = setTimeout(read, needed - shown);
    }
  }
  function pause() {
    if (since !== null) {
      shown += Date.now() - since;
      since = null;
      clearTimeout(timer);
    }
  }
  function onVisibility() {
    if (document.visibilityState === "visible") {
      resume();
    } else {
      pause();
    }
  }
  function onScroll() {
    var box = article.getBoundingClientRect();
    if (box.top + box.height / 2 <= window.innerHeight) {
      read();
    }
  }
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("scroll", onScroll, { passive: true });
  resume();
})();
