// #/wallet/authenticators — the customer's passkeys (payment-service): list, register one (options from
// POST /v1/authenticators/registration_options, navigator.credentials.create, POST /v1/authenticators; needs a login of
// the last 5 minutes: 403 step_up_required offers a fresh login), and remove one (after a confirm step).
import {html} from 'lit';
import {api, ApiError} from '../core/api.js';
import {login} from '../core/auth.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {base64urlToBytes, bytesToBase64url, hasWebAuthn} from './data.js';

export class WalletAuthenticators extends PgElement {
    static properties = {
        list: {state: true},
        busy: {state: true},
        error: {state: true},
        stepUp: {state: true},
        removing: {state: true},
        notice: {state: true},
    };

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    async load() {
        try {
            this.list = (await api('payment', '/v1/authenticators')).data || [];
        } catch (e) {
            this.error = e;
        }
    }

    creationOptions(o) {
        return {
            challenge: base64urlToBytes(o.challenge),
            rp: o.rp,
            user: {...o.user, id: base64urlToBytes(o.user.id)},
            pubKeyCredParams: o.pubKeyCredParams,
            timeout: o.timeout,
            attestation: o.attestation || 'none',
            authenticatorSelection: o.authenticatorSelection,
            excludeCredentials: (o.excludeCredentials || []).map((c) => ({type: c.type, id: base64urlToBytes(c.id)})),
        };
    }

    async register(event) {
        event.preventDefault();
        const name = this.querySelector('#authn-name').value.trim();
        this.busy = true;
        this.error = null;
        this.stepUp = false;
        this.notice = null;
        try {
            const options = await api('payment', '/v1/authenticators/registration_options', {method: 'POST'});
            const credential = await navigator.credentials.create({publicKey: this.creationOptions(options)});
            await api('payment', '/v1/authenticators', {
                method: 'POST',
                body: {
                    registration: options.registration,
                    name: name || this.t('wallet.authn.default'),
                    credential: {
                        id: credential.id,
                        rawId: bytesToBase64url(credential.rawId),
                        type: 'public-key',
                        response: {
                            clientDataJSON: bytesToBase64url(credential.response.clientDataJSON),
                            attestationObject: bytesToBase64url(credential.response.attestationObject),
                        },
                    },
                },
            });
            this.notice = this.t('wallet.authn.added');
            await this.load();
        } catch (e) {
            if (e instanceof ApiError && e.code === 'step_up_required') {
                this.stepUp = true;
            } else if (e instanceof ApiError) {
                this.error = e;
            } else {
                this.error = {title: this.t('wallet.sca.device.failed'), detail: e.message, code: e.name};
            }
        } finally {
            this.busy = false;
        }
    }

    // not "remove": that is Element.remove(), which lit calls when it takes the screen away
    async revoke(id) {
        this.error = null;
        try {
            await api('payment', `/v1/authenticators/${encodeURIComponent(id)}`, {method: 'DELETE'});
            this.removing = null;
            await this.load();
        } catch (e) {
            this.error = e;
        }
    }

    row(a) {
        return html`<tr data-testid="authn-row">
            <td>${a.name}</td>
            <td>${this.t(`wallet.authn.${a.status}`)}</td>
            <td>${formatDateTime(a.created_at)}</td>
            <td>${a.last_used_at ? formatDateTime(a.last_used_at) : '—'}</td>
            <td>${a.status !== 'active'
                ? ''
                : this.removing === a.id
                  ? html`<button class="danger" data-testid="authn-remove-confirm" @click=${() => this.revoke(a.id)}>${this.t('wallet.authn.remove.confirm')}</button>
                        <button @click=${() => (this.removing = null)}>${this.t('core.cancel')}</button>`
                  : html`<button class="danger" data-testid="authn-remove" @click=${() => (this.removing = a.id)}>${this.t('wallet.authn.remove')}</button>`}</td>
        </tr>`;
    }

    render() {
        return html`<section data-testid="wallet-authenticators" class="wallet">
            <h1>${this.t('wallet.authn.title')}</h1>
            <p class="muted">${this.t('wallet.authn.intro')}</p>
            ${this.list === undefined && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${this.list?.length
                ? html`<table class="responsive">
                      <thead><tr><th scope="col">${this.t('wallet.authn.name')}</th><th scope="col">${this.t('wallet.authn.status')}</th>
                          <th scope="col">${this.t('wallet.authn.created')}</th><th scope="col">${this.t('wallet.authn.used')}</th>
                          <th scope="col">${this.t('wallet.authn.actions')}</th></tr></thead>
                      <tbody>${this.list.map((a) => this.row(a))}</tbody>
                  </table>`
                : this.list
                  ? html`<pg-empty text=${this.t('wallet.authn.none')}></pg-empty>`
                  : ''}
            <h2>${this.t('wallet.authn.add')}</h2>
            ${hasWebAuthn()
                ? html`<form @submit=${(e) => this.register(e)}>
                      <label for="authn-name">${this.t('wallet.authn.name')}</label>
                      <input id="authn-name" maxlength="64" data-testid="authn-name" placeholder=${this.t('wallet.authn.default')} />
                      <div class="actions"><button class="primary" type="submit" data-testid="authn-add" ?disabled=${this.busy}>${this.t('wallet.authn.add')}</button></div>
                  </form>`
                : html`<p>${this.t('wallet.sca.nowebauthn')}</p>`}
            ${this.stepUp
                ? html`<div class="card" role="alert" data-testid="authn-stepup"><p>${this.t('wallet.authn.stepup')}</p>
                      <button class="primary" @click=${() => login({prompt: 'login'})}>${this.t('wallet.authn.relogin')}</button></div>`
                : ''}
            ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
            <pg-problem .error=${this.error}></pg-problem>
        </section>`;
    }
}

customElements.define('pg-wallet-authenticators', WalletAuthenticators);
