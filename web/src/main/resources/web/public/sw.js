// The offline shell of the PayGuard wallet: the app's own static files only. API answers, tokens and anything
// from another origin are never cached (they go straight to the network).
const CACHE = 'payguard-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icons/icon.svg'];

self.addEventListener('install', (event) => {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
    event.waitUntil(
        caches.keys()
            .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
            .then(() => self.clients.claim()),
    );
});

self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname === '/config.json') {
        return;
    }
    const isShell = url.pathname === '/' || url.pathname.startsWith('/static/') || SHELL.includes(url.pathname);
    if (!isShell) {
        return;
    }
    // Network first, so a new release is picked up at once; the cache answers only when offline.
    event.respondWith(
        fetch(event.request)
            .then((response) => {
                if (response.ok) {
                    const copy = response.clone();
                    caches.open(CACHE).then((cache) => cache.put(event.request, copy));
                }
                return response;
            })
            .catch(() => caches.match(event.request)),
    );
});
