// Base element and the small shared components. Light DOM everywhere: styles come from the bundled CSS files and
// tests find elements with plain selectors.
import {html, LitElement} from 'lit';
import {formatMoney} from './format.js';
import {t} from './i18n.js';

export class PgElement extends LitElement {
    createRenderRoot() {
        return this;
    }

    connectedCallback() {
        super.connectedCallback();
        this._onLocale = () => this.requestUpdate();
        window.addEventListener('pg-locale', this._onLocale);
    }

    disconnectedCallback() {
        window.removeEventListener('pg-locale', this._onLocale);
        super.disconnectedCallback();
    }

    t(key, vars) {
        return t(key, vars);
    }
}

/** An ApiError (or any Error) as an alert: title, detail and the problem code. */
export class PgProblem extends PgElement {
    static properties = {error: {attribute: false}};

    render() {
        if (!this.error) {
            return html``;
        }
        const e = this.error;
        return html`<div class="problem" role="alert" data-testid="problem" data-code=${e.code || ''}>
            <p class="problem-title">${e.title || t('core.error.title')}</p>
            ${e.detail ? html`<p class="problem-detail">${e.detail}</p>` : ''}
            ${e.code ? html`<p class="problem-code">${t('core.error.code')}: <code>${e.code}</code></p>` : ''}
        </div>`;
    }
}

export class PgMoney extends PgElement {
    static properties = {amount: {type: Number}, currency: {type: String}};

    render() {
        return html`<span class="money ${this.amount < 0 ? 'negative' : ''}">${formatMoney(this.amount, this.currency)}</span>`;
    }
}

export class PgLoading extends PgElement {
    render() {
        return html`<p class="loading" role="status" aria-live="polite">${t('core.loading')}</p>`;
    }
}

export class PgEmpty extends PgElement {
    static properties = {text: {type: String}};

    render() {
        return html`<p class="empty">${this.text || t('core.empty')}</p>`;
    }
}

customElements.define('pg-problem', PgProblem);
customElements.define('pg-money', PgMoney);
customElements.define('pg-loading', PgLoading);
customElements.define('pg-empty', PgEmpty);
