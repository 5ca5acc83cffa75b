// #/wallet/code — my payment code (POST /v1/payment_codes, funding wallet): 18 digits, valid 60 s, one payment, bound to
// this browser's DPoP key. The image (barcode + QR) comes from GET /v1/payment_codes/{id}/image as a blob; when the
// instance that issued the code cannot draw it (422 payment_code_image_unavailable) the digits alone are shown.
import {html} from 'lit';
import {api} from '../core/api.js';
import {PgElement} from '../core/ui.js';

export class WalletCode extends PgElement {
    static properties = {
        code: {state: true},
        image: {state: true},
        left: {state: true},
        busy: {state: true},
        error: {state: true},
    };

    disconnectedCallback() {
        this.clear();
        super.disconnectedCallback();
    }

    clear() {
        clearInterval(this.ticker);
        if (this.image) {
            URL.revokeObjectURL(this.image);
        }
        this.image = null;
        this.code = null;
    }

    async show() {
        this.clear();
        this.busy = true;
        this.error = null;
        try {
            this.code = await api('payment', '/v1/payment_codes', {method: 'POST', body: {funding: 'wallet'}});
            this.tick();
            this.ticker = setInterval(() => this.tick(), 1000);
            try {
                const response = await api('payment', `/v1/payment_codes/${encodeURIComponent(this.code.id)}/image`, {
                    query: {format: 'png'},
                    raw: true,
                });
                this.image = URL.createObjectURL(await response.blob());
            } catch (e) {
                this.image = null;
            }
        } catch (e) {
            this.error = e;
        } finally {
            this.busy = false;
        }
    }

    tick() {
        this.left = Math.max(0, Math.round((new Date(this.code.expires_at).getTime() - Date.now()) / 1000));
        if (this.left === 0) {
            this.clear();
        }
    }

    render() {
        const c = this.code;
        return html`<section data-testid="wallet-code" class="wallet">
            <h1>${this.t('wallet.code.title')}</h1>
            <p class="muted">${this.t('wallet.code.intro')}</p>
            ${c
                ? html`<div class="card wallet-code-card">
                      ${this.image ? html`<img src=${this.image} alt=${this.t('wallet.code.image')} class="wallet-code-image" />` : ''}
                      <p class="wallet-code-digits" data-testid="code-digits">${c.code.replace(/(\d{4})(?=\d)/g, '$1 ')}</p>
                      <p role="timer" aria-live="off">${this.t('wallet.code.left', {seconds: this.left})}</p>
                  </div>`
                : ''}
            <div class="actions">
                <button class="primary" data-testid="code-show" ?disabled=${this.busy} @click=${() => this.show()}>
                    ${c ? this.t('wallet.code.new') : this.t('wallet.code.show')}</button>
            </div>
            <pg-problem .error=${this.error}></pg-problem>
        </section>`;
    }
}

customElements.define('pg-wallet-code', WalletCode);
