// Tatweer: "save for offline" on the platform (docs/commons.md, "Offline copies"). Every page works
// without this file, which only the platform's pages load.
//
// [data-offline-save] (the entry page, for signed-in readers; hidden until this script shows it)
// saves the entry: it fetches the page afresh and keeps, in a cache of the page's own, that page, the
// assets it loads and the files it links, each under the exact address the kept page uses. A signed
// file link stops working on the server after a while; offline the kept copy answers its address.
// [data-offline-list] lists what this browser keeps. The service worker (/platform-sw.js) shows the
// kept copies when there is no connection. Its words come from data- attributes, in the page's language.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) {
    return;
  }
  var PREFIX = "tatweer-offline-page:";

  function cacheName(page) { return PREFIX + new URL(page).pathname; }
  // Beside each kept page: its title and language, for the lists.
  function aboutUrl(page) { return new URL("offline.json", page).href; }

  async function isSaved(page) {
    return Boolean(await caches.match(aboutUrl(page)));
  }

  // Resolves once the worker is active; fails, instead of waiting for ever, if it does not install.
  async function activeWorker(url) {
    var registration = await navigator.serviceWorker.register(url, { scope: "/" });
    var worker = registration.installing || registration.waiting;
    if (registration.active || !worker) {
      return;
    }
    await new Promise(function (resolve, reject) {
      function check() {
        if (worker.state === "activated") { resolve(); }
        if (worker.state === "redundant") { reject(new Error("The service worker did not install.")); }
      }
      worker.addEventListener("statechange", check);
      check();
    });
  }

  async function save(box, page) {
    await activeWorker(box.dataset.worker);
    var response = await fetch(page, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok || response.redirected) {
      throw new Error("The page could not be fetched: " + response.status);
    }
    var doc = new DOMParser().parseFromString(await response.clone().text(), "text/html");
    var urls = new Set();
    doc.querySelectorAll(
      "link[rel~=stylesheet][href], link[rel~=preload][href], link[rel~=icon][href], script[src], " +
        "[data-offline-files] a[href], [data-offline-files] img[src]"
    ).forEach(function (el) {
      var url = new URL(el.getAttribute("href") || el.getAttribute("src"), page);
      if (url.origin === location.origin) {
        urls.add(url.href);
      }
    });
    await caches.delete(cacheName(page));
    var cache = await caches.open(cacheName(page));
    try {
      await Promise.all(Array.from(urls).map(async function (url) {
        var file = await fetch(url, { credentials: "same-origin" });
        if (!file.ok) {
          throw new Error("Not kept: " + url);
        }
        await cache.put(url, file);
      }));
      await cache.put(page, response);
      var about = { url: page, title: box.dataset.title, lang: box.dataset.lang };
      await cache.put(aboutUrl(page), new Response(JSON.stringify(about), {
        headers: { "Content-Type": "application/json" }
      }));
    } catch (error) {
      await caches.delete(cacheName(page));
      throw error;
    }
  }

  document.querySelectorAll("[data-offline-save]").forEach(async function (box) {
    var page = location.origin + location.pathname;
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var saved = await isSaved(page);

    function show(message) {
      button.textContent = saved ? box.dataset.remove : box.dataset.save;
      button.disabled = false;
      status.textContent = message || "";
    }

    show(saved ? box.dataset.saved : "");
    box.hidden = false;
    button.addEventListener("click", async function () {
      button.disabled = true;
      status.textContent = saved ? "" : box.dataset.saving;
      try {
        if (saved) {
          await caches.delete(cacheName(page));
          saved = false;
          show(box.dataset.removed);
        } else {
          await save(box, page);
          saved = true;
          show(box.dataset.saved);
        }
      } catch (error) {
        show(box.dataset.failed);
      }
    });
  });

  document.querySelectorAll("[data-offline-list]").forEach(async function (box) {
    var names = (await caches.keys()).filter(function (name) { return name.indexOf(PREFIX) === 0; });
    var items = [];
    for (var i = 0; i < names.length; i++) {
      var about = await caches.match(aboutUrl(location.origin + names[i].slice(PREFIX.length)));
      if (about) {
        items.push(await about.json());
      }
    }
    if (!items.length) {
      return;
    }
    var list = box.querySelector("ul");
    items.sort(function (a, b) { return a.title.localeCompare(b.title); }).forEach(function (item) {
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      link.lang = item.lang;
      link.dir = "auto";
      var row = document.createElement("li");
      row.appendChild(link);
      list.appendChild(row);
    });
    box.hidden = false;
  });
})();
