// Boot: configuration, then the login callback or a silent re-entry, then <pg-app>.
import './core/messages.js';
import './core/core.css';
import {completeLogin, isLoginCallback, resumeSession} from './core/auth.js';
import {loadConfig} from './core/config.js';
import './core/shell.js';
import './wallet/index.js';
import './merchant/index.js';
import './console/index.js';

async function registerServiceWorker() {
    if (!('serviceWorker' in navigator)) {
        return;
    }
    // Trusted Types: a script URL must come from a policy; this one allows only the app's own worker.
    const url = window.trustedTypes
        ? window.trustedTypes
              .createPolicy('pg-sw', {
                  createScriptURL: (value) => {
                      if (value !== '/sw.js') {
                          throw new TypeError('only /sw.js may be registered');
                      }
                      return value;
                  },
              })
              .createScriptURL('/sw.js')
        : '/sw.js';
    try {
        await navigator.serviceWorker.register(url, {scope: '/'});
    } catch (e) {
        // An app without its offline shell still works; nothing to show the user.
    }
}

async function boot() {
    const app = document.querySelector('pg-app');
    await loadConfig();
    if (isLoginCallback()) {
        try {
            await completeLogin();
        } catch (e) {
            app.loginError = e;
        }
    } else if (await resumeSession()) {
        return;
    }
    app.hidden = false;
    registerServiceWorker();
}

boot().catch((e) => {
    document.querySelector('pg-app').loginError = e;
    document.querySelector('pg-app').hidden = false;
});
