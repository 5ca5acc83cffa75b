// The offline shell of the PayGuard wallet: the app's own static files only. API answers, tokens, /config.json, the QR
// decoder and anything from another origin are never cached (they go straight to the network). Installability: a
// fetch handler, the manifest with 192 and 512 PNG icons.
const CACHE = 'payguard-shell-v2';
const SHELL = [
    '/',
    '/manifest.webmanifest',
    '/icons/icon.svg',
    '/icons/icon-192.png',
    '/icons/icon-512.png',
    '/icons/icon-maskable-512.png',
];

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

function isShell(url) {
    return url.pathname === '/' || url.pathname.startsWith('/static/') || SHELL.includes(url.pathname);
}

self.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (event.request.method !== 'GET' || url.origin !== self.location.origin || !isShell(url)) {
        return;
    }
    // Network first, so a new release is picked up at once; the cache answers only when offline.
    event.respondWith(
        fetch(event.request)
            .then((response) => {
                if (response.ok && response.type === 'basic') {
                    const copy = response.clone();
                    caches.open(CACHE).then((cache) => cache.put(event.request, copy));
                }
                return response;
            })
            .catch(() => caches.match(event.request).then((hit) => hit || Response.error())),
    );
});
