// Service worker: keeps the app shell (index.html and hashed assets) so a reader can reopen a room offline; the
// room itself comes from IndexedDB and the text from the copy the reader cached. API calls are never cached here.
const shell = "scholia-shell-v2";

/** The /assets/ files an index.html loads (its scripts, styles and preloads). */
const assetsOf = (html) => [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);

/**
 * Keeps a fetched index.html as the shell together with every asset it loads, so an offline reopen never depends on
 * what the browser's HTTP cache happened to keep. Resolves once all are stored; rejects if any could not be fetched.
 */
const keepShell = async (response) => {
  const cache = await caches.open(shell);
  const html = await response.clone().text();
  const kept = await Promise.all(
    assetsOf(html).map(async (asset) => ((await cache.match(asset)) ? null : asset)),
  );
  await cache.addAll(kept.filter((asset) => asset !== null));
  await cache.put("/", response);
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    fetch("/", { headers: { accept: "text/html" }, cache: "no-store" })
      .then((response) => {
        if (!response.ok) throw new Error(`the app shell answered ${response.status}`);
        return keepShell(response);
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== shell).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Network first, so a new release is picked up at once; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) void keepShell(response.clone()).catch(() => undefined);
          return response;
        })
        .catch(() => caches.match("/").then((cached) => cached ?? Response.error())),
    );
  } else if (url.pathname.startsWith("/assets/")) {
    // Hashed names never change content: cache first.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(shell).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
