// <pg-wallet-sca> — the challenge of a payment in requires_action: a device-bound confirmation (WebAuthn assertion over
// the challenge the API gives, which commits to the payment's id, amount, currency and payee) when the customer has an
// authenticator, and the one-time code sent by e-mail or SMS. Fires "pg-sca-done" with the payment intent answered.
import {html} from 'lit';
import {api, ApiError, newIdempotencyKey} from '../core/api.js';
import {formatMoney} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {base64urlToBytes, bytesToBase64url, hasWebAuthn, rememberPayment} from './data.js';

export class WalletSca extends PgElement {
    static properties = {
        payment: {type: String},
        options: {attribute: false},
        busy: {state: true},
        error: {state: true},
        notice: {state: true},
    };

    connectedCallback() {
        super.connectedCallback();
        if (!this.options) {
            this.load();
        }
    }

    path(suffix = '') {
        return `/v1/payment_intents/${encodeURIComponent(this.payment)}/authenticate${suffix}`;
    }

    async load() {
        try {
            this.options = await api('payment', this.path());
        } catch (e) {
            this.error = e;
        }
    }

    async send(body) {
        this.busy = true;
        this.error = null;
        this.notice = null;
        try {
            const intent = rememberPayment(
                await api('payment', this.path(), {method: 'POST', body, idempotencyKey: newIdempotencyKey()}),
            );
            this.dispatchEvent(new CustomEvent('pg-sca-done', {detail: intent, bubbles: true}));
        } catch (e) {
            this.error = e;
            if (e instanceof ApiError && e.code === 'sca_code_expired') {
                this.notice = this.t('wallet.sca.expired');
            }
        } finally {
            this.busy = false;
        }
    }

    async submitCode(event) {
        event.preventDefault();
        const input = this.querySelector('#sca-code');
        const code = input.value.trim();
        if (!/^\d{6}$/.test(code)) {
            this.error = {title: this.t('wallet.sca.code.invalid'), code: 'invalid_request'};
            return;
        }
        await this.send({code});
        input.value = '';
    }

    async resend() {
        this.error = null;
        try {
            await api('payment', this.path('/resend'), {method: 'POST', idempotencyKey: newIdempotencyKey()});
            this.notice = this.t('wallet.sca.resent');
            this.options = await api('payment', this.path());
        } catch (e) {
            this.error = e;
        }
    }

    async device() {
        const w = this.options.webauthn;
        this.error = null;
        let credential;
        try {
            credential = await navigator.credentials.get({
                publicKey: {
                    challenge: base64urlToBytes(w.challenge),
                    rpId: w.rpId,
                    allowCredentials: (w.allowCredentials || []).map((c) => ({type: c.type, id: base64urlToBytes(c.id)})),
                    userVerification: w.userVerification || 'required',
                    timeout: w.timeout,
                },
            });
        } catch (e) {
            this.error = {title: this.t('wallet.sca.device.failed'), detail: e.message, code: e.name};
            return;
        }
        const r = credential.response;
        await this.send({
            webauthn: {
                id: credential.id,
                rawId: bytesToBase64url(credential.rawId),
                type: 'public-key',
                response: {
                    clientDataJSON: bytesToBase64url(r.clientDataJSON),
                    authenticatorData: bytesToBase64url(r.authenticatorData),
                    signature: bytesToBase64url(r.signature),
                    ...(r.userHandle && r.userHandle.byteLength ? {userHandle: bytesToBase64url(r.userHandle)} : {}),
                },
            },
        });
    }

    render() {
        const o = this.options;
        if (!o) {
            return html`<section data-testid="wallet-sca" class="card wallet-sca">
                <h2>${this.t('wallet.sca.title')}</h2>
                ${this.error ? html`<pg-problem .error=${this.error}></pg-problem>` : html`<pg-loading></pg-loading>`}
            </section>`;
        }
        const methods = o.methods || [];
        const device = methods.includes('webauthn') && o.webauthn && hasWebAuthn();
        return html`<section data-testid="wallet-sca" class="card wallet-sca" aria-labelledby="sca-title">
            <h2 id="sca-title">${this.t('wallet.sca.title')}</h2>
            <p>${this.t('wallet.sca.what', {amount: formatMoney(o.amount, o.currency), payee: o.payee})}</p>
            ${device
                ? html`<div class="actions">
                      <button class="primary" data-testid="sca-device" ?disabled=${this.busy} @click=${() => this.device()}>
                          ${this.t('wallet.sca.device')}</button>
                  </div>`
                : ''}
            ${methods.includes('code')
                ? html`<form @submit=${(e) => this.submitCode(e)} class="wallet-sca-code">
                      <p class="muted">${o.code?.sent_to
                          ? this.t('wallet.sca.sent', {channel: this.t(`wallet.sca.channel.${o.code.channel}`), to: o.code.sent_to})
                          : this.t('wallet.sca.sent.somewhere')}</p>
                      <label for="sca-code">${this.t('wallet.sca.code')}</label>
                      <input id="sca-code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" data-testid="sca-code" />
                      <div class="actions">
                          <button class="primary" type="submit" data-testid="sca-submit" ?disabled=${this.busy}>${this.t('wallet.sca.submit')}</button>
                          <button type="button" data-testid="sca-resend" ?disabled=${this.busy} @click=${() => this.resend()}>${this.t('wallet.sca.resend')}</button>
                      </div>
                  </form>`
                : html`<p>${this.t('wallet.sca.deviceonly')}</p>`}
            ${methods.includes('webauthn') && !hasWebAuthn() ? html`<p class="muted">${this.t('wallet.sca.nowebauthn')}</p>` : ''}
            ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
            <pg-problem .error=${this.error}></pg-problem>
        </section>`;
    }
}

customElements.define('pg-wallet-sca', WalletSca);
