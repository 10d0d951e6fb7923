// Tatweer: the platform's service worker, served at /platform-sw.js by commons/views/offline.py
// (docs/commons.md, "Offline copies"). It keeps only the offline page, in each language, and that
// page's assets; static/js/offline.js saves an entry (its page, assets and files, by the exact
// addresses the page links) into a cache of its own. Platform pages and file links are fetched from
// the network first; without a connection the saved copy answers, or else the offline page.
"use strict";

const CONFIG = {{ config }};
const SHELL = "tatweer-offline-shell";
const IN_SCOPE = /^\/[^/]+\/(platform|files)\//;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(CONFIG.shell)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // What an older worker kept and this one does not name (assets renamed by a release) is dropped.
  const wanted = new Set(CONFIG.shell.map((path) => new URL(path, self.location.origin).href));
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) =>
        cache.keys().then((requests) =>
          Promise.all(requests.filter((request) => !wanted.has(request.url)).map((request) => cache.delete(request))),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

function saved(request) {
  return caches.match(request, { ignoreVary: true });
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    // A server error (the site down behind its proxy) is answered like no connection when a copy exists.
    return response.status >= 500 ? (await saved(request)) || response : response;
  } catch (error) {
    return saved(request); // undefined when nothing was saved under this address
  }
}

async function offlinePage(url) {
  const language = url.pathname.split("/")[1];
  const page = CONFIG.offline[language] || CONFIG.offline[CONFIG.default];
  return (await caches.match(page)) || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && IN_SCOPE.test(url.pathname)) {
    event.respondWith(networkFirst(request).then((response) => response || offlinePage(url)));
  } else if (IN_SCOPE.test(url.pathname) || url.pathname.startsWith(CONFIG.static)) {
    event.respondWith(networkFirst(request).then((response) => response || Response.error()));
  }
});
