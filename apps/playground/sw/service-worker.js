/*
 * The playground's service worker: after the first visit the page works
 * offline. It precaches the files of the build (their list and a version are
 * written in by vite.config.ts), answers hashed assets from the cache and
 * pages from the network with the cached page as the fallback.
 *
 * NOTE: hand-written rather than Workbox: vite-plugin-pwa's workbox-build
 * brings Babel and Rollup into the install for what is a cache of one build's
 * files; these 40 lines are all the page needs.
 */
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `gradlab-playground-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('gradlab-playground-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any ?name=... link: the network when there is one, else the cached page (the state is in the URL).
    event.respondWith(fetch(request).catch(() => caches.match('./', { cacheName: CACHE })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
});
