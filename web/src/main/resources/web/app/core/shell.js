// <pg-app>: the landing page with the login button, or the header (navigation per role, language, user, logout)
// around the current route's screen.
import {html} from 'lit';
import {login, logout, onAuthChange, user} from './auth.js';
import {getLocale, locales, setLocale, t} from './i18n.js';
import {allowed, allRoutes, currentPath, match, navigate} from './router.js';
import {PgElement} from './ui.js';

const AREAS = [
    {id: 'wallet', home: '/wallet', roles: ['customer']},
    {id: 'merchant', home: '/merchant', roles: ['merchant']},
    {id: 'console', home: '/console', roles: ['auditor', 'compliance-officer', 'operator']},
];

export class PgApp extends PgElement {
    static properties = {
        loginError: {attribute: false},
        path: {state: true},
        user: {state: true},
    };

    constructor() {
        super();
        this.user = user();
        this.path = currentPath();
        this._onHash = () => {
            this.path = currentPath();
            window.scrollTo(0, 0);
        };
    }

    connectedCallback() {
        super.connectedCallback();
        window.addEventListener('hashchange', this._onHash);
        this._unsubscribe = onAuthChange((next) => {
            this.user = next;
        });
    }

    disconnectedCallback() {
        window.removeEventListener('hashchange', this._onHash);
        this._unsubscribe?.();
        super.disconnectedCallback();
    }

    areas() {
        return AREAS.filter((area) => area.roles.some((role) => this.user?.roles.has(role)));
    }

    async startLogin() {
        this.loginError = null;
        try {
            await login();
        } catch (e) {
            this.loginError = e;
        }
    }

    localeSelect() {
        return html`<label class="locale">
            <span class="visually-hidden">${t('core.locale')}</span>
            <select data-testid="locale" @change=${(e) => setLocale(e.target.value)} aria-label=${t('core.locale')}>
                ${locales().map((l) => html`<option value=${l} ?selected=${l === getLocale()}>${l === 'en' ? 'English' : '简体中文'}</option>`)}
            </select>
        </label>`;
    }

    landing() {
        return html`<header class="topbar"><span class="brand">${t('core.app')}</span>${this.localeSelect()}</header>
            <main id="main" class="landing" tabindex="-1">
                <h1>${t('core.app')}</h1>
                <p>${t('core.tagline')}</p>
                ${this.loginError
                    ? html`<pg-problem .error=${{title: t('core.login.failed'), detail: this.loginError.message, code: this.loginError.code}}></pg-problem>`
                    : ''}
                <button class="primary" data-testid="login" @click=${() => this.startLogin()}>${t('core.login')}</button>
            </main>`;
    }

    nav(areas) {
        const routes = allRoutes().filter((r) => r.nav && allowed(r, this.user));
        return html`<nav aria-label=${t('core.nav')} class="nav">
            ${areas.map(
                (area) => html`<ul class="nav-area" aria-label=${t(`core.area.${area.id}`)}>
                    ${routes
                        .filter((r) => r.area === area.id)
                        .map(
                            (r) => html`<li><a href="#${r.path}" data-testid="nav-${r.path.slice(1).replace(/\//g, '-')}"
                                aria-current=${this.path === r.path ? 'page' : 'false'}>${t(r.nav)}</a></li>`,
                        )}
                </ul>`,
            )}
        </nav>`;
    }

    screen(areas) {
        if (this.path === '/' || this.path === '') {
            if (areas.length) {
                navigate(areas[0].home);
                return html``;
            }
            return html`<h1>${t('core.forbidden')}</h1><p>${t('core.noarea')}</p>`;
        }
        const found = match(this.path);
        if (!found) {
            return html`<section data-testid="not-found"><h1>${t('core.notfound')}</h1><p>${t('core.notfound.detail')}</p></section>`;
        }
        if (!allowed(found.route, this.user)) {
            return html`<section data-testid="forbidden"><h1>${t('core.forbidden')}</h1><p>${t('core.forbidden.detail')}</p></section>`;
        }
        return found.route.render(found.params);
    }

    render() {
        if (!this.user) {
            return this.landing();
        }
        const areas = this.areas();
        return html`<button class="skip" @click=${() => this.querySelector('#main')?.focus()}>${t('core.skip')}</button>
            <header class="topbar">
                <a class="brand" href="#/">${t('core.app')}</a>
                ${this.localeSelect()}
                <span class="whoami" data-testid="whoami">${this.user.name}</span>
                <button class="link" data-testid="logout" @click=${() => logout()}>${t('core.logout')}</button>
            </header>
            ${this.nav(areas)}
            <main id="main" tabindex="-1">${this.screen(areas)}</main>`;
    }
}

customElements.define('pg-app', PgApp);
