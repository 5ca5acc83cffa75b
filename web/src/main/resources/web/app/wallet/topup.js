// #/wallet/topup — a top-up from the customer's own card. The card number goes only to payment-service's tokenisation
// endpoint (POST /v1/tokens) straight from the browser; it is never logged, never stored, and the field is cleared as soon
// as the token is answered. The top-up (POST /v1/top_ups, then /confirm with the token and the CVC) carries the token.
import {html} from 'lit';
import {api, newIdempotencyKey} from '../core/api.js';
import {formatMoney, parseMoney} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {wallets} from './data.js';

const CREDIT_WAIT_MS = 30_000;

export class WalletTopUp extends PgElement {
    static properties = {
        wallets: {state: true},
        busy: {state: true},
        error: {state: true},
        fieldError: {state: true},
        result: {state: true},
        balance: {state: true},
    };

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    disconnectedCallback() {
        this.gone = true;
        super.disconnectedCallback();
    }

    async load() {
        try {
            this.wallets = await wallets();
        } catch (e) {
            this.error = e;
        }
    }

    wallet() {
        const id = this.querySelector('#topup-wallet')?.value;
        return this.wallets.find((w) => w.id === id) || this.wallets[0];
    }

    /** Reads the form; the card fields are cleared whatever happens next. */
    readForm() {
        const form = this.querySelector('form');
        const card = {
            number: form.number.value.replace(/[\s-]/g, ''),
            exp: form.exp.value.trim(),
            cvc: form.cvc.value.trim(),
        };
        form.number.value = '';
        form.cvc.value = '';
        return card;
    }

    validate(wallet, card, amountText) {
        let amount;
        try {
            amount = parseMoney(amountText, wallet.balance.currency);
        } catch (e) {
            return {error: this.t('wallet.topup.amount.invalid')};
        }
        if (amount <= 0) {
            return {error: this.t('wallet.topup.amount.invalid')};
        }
        const exp = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(card.exp);
        if (!/^\d{12,19}$/.test(card.number) || !exp || !/^\d{3,4}$/.test(card.cvc)) {
            return {error: this.t('wallet.topup.card.invalid')};
        }
        const year = Number(exp[2].length === 2 ? `20${exp[2]}` : exp[2]);
        return {amount, expMonth: Number(exp[1]), expYear: year};
    }

    async submit(event) {
        event.preventDefault();
        if (this.busy) {
            return;
        }
        const wallet = this.wallet();
        const amountText = this.querySelector('#topup-amount').value;
        const card = this.readForm();
        const checked = this.validate(wallet, card, amountText);
        this.error = null;
        this.result = null;
        this.fieldError = checked.error || null;
        if (checked.error) {
            return;
        }
        this.busy = true;
        try {
            // the only request that carries the card number
            const token = await api('payment', '/v1/tokens', {
                method: 'POST',
                body: {number: card.number, exp_month: checked.expMonth, exp_year: checked.expYear},
                idempotencyKey: newIdempotencyKey(),
            });
            card.number = '';
            const topUp = await api('payment', '/v1/top_ups', {
                method: 'POST',
                body: {wallet_id: wallet.id, amount: checked.amount, currency: wallet.balance.currency},
                idempotencyKey: newIdempotencyKey(),
            });
            const confirmed = await api('payment', `/v1/top_ups/${encodeURIComponent(topUp.id)}/confirm`, {
                method: 'POST',
                body: {payment_method: token.id, cvc: card.cvc},
                idempotencyKey: newIdempotencyKey(),
            });
            card.cvc = '';
            this.result = {...confirmed, card: token.card};
            if (confirmed.status === 'succeeded') {
                await this.awaitCredit(confirmed.id, wallet.id);
            }
        } catch (e) {
            this.error = e;
        } finally {
            this.busy = false;
        }
    }

    /** The wallet is credited once the charge is captured: follow the top-up until its credit has an outcome. */
    async awaitCredit(id, walletId) {
        const until = Date.now() + CREDIT_WAIT_MS;
        let delay = 300;
        while (!this.gone && Date.now() < until) {
            const current = await api('payment', `/v1/top_ups/${encodeURIComponent(id)}`);
            this.result = {...this.result, ...current};
            if (current.credit_status === 'credited' || current.credit_status === 'refused') {
                break;
            }
            await new Promise((resolve) => setTimeout(resolve, delay));
            delay = Math.min(delay * 2, 2000);
        }
        this.balance = await api('wallet', `/v1/wallets/${encodeURIComponent(walletId)}`);
    }

    outcome() {
        const r = this.result;
        if (!r) {
            return '';
        }
        const good = r.status === 'succeeded' && r.credit_status === 'credited';
        return html`<div class=${good ? 'notice' : 'card'} role="status" data-testid="topup-result" data-status=${r.status}
                data-credit=${r.credit_status || ''}>
            <p><strong>${this.t(`wallet.topup.status.${r.credit_status === 'credited' ? 'credited' : r.status}`)}</strong></p>
            <p>${this.t('wallet.topup.amount')}: ${formatMoney(r.amount, r.currency)}
                ${r.card ? html` · ${this.t('wallet.topup.card.used', {brand: r.card.brand, last4: r.card.last4})}` : ''}</p>
            ${r.credit_status === 'refused' ? html`<p>${this.t('wallet.topup.refused')}</p>` : ''}
            ${r.failure_code ? html`<p>${this.t('wallet.failure')}: <code>${r.failure_code}</code></p>` : ''}
            ${r.status === 'requires_action' ? html`<p>${this.t('wallet.topup.3ds')}</p>` : ''}
            ${this.balance
                ? html`<p data-testid="topup-balance" data-minor=${this.balance.balance.minor}>${this.t('wallet.topup.newbalance')}:
                      <strong>${formatMoney(this.balance.balance.minor, this.balance.balance.currency)}</strong></p>`
                : ''}
        </div>`;
    }

    form() {
        const w = this.wallets[0];
        return html`<form @submit=${(e) => this.submit(e)} autocomplete="off" novalidate>
            ${this.wallets.length > 1
                ? html`<label for="topup-wallet">${this.t('wallet.topup.wallet')}</label>
                      <select id="topup-wallet">${this.wallets.map((x) => html`<option value=${x.id}>${x.balance.currency} · ${x.id}</option>`)}</select>`
                : html`<input type="hidden" id="topup-wallet" value=${w.id} />`}
            <label for="topup-amount">${this.t('wallet.topup.amount')} (${w.balance.currency})</label>
            <input id="topup-amount" name="amount" inputmode="decimal" data-testid="topup-amount" required />
            <fieldset class="wallet-card">
                <legend>${this.t('wallet.topup.card')}</legend>
                <label for="topup-number">${this.t('wallet.topup.number')}</label>
                <input id="topup-number" name="number" inputmode="numeric" autocomplete="cc-number" data-testid="topup-number" required />
                <div class="wallet-row">
                    <div>
                        <label for="topup-exp">${this.t('wallet.topup.exp')}</label>
                        <input id="topup-exp" name="exp" placeholder="MM/YY" autocomplete="cc-exp" data-testid="topup-exp" required />
                    </div>
                    <div>
                        <label for="topup-cvc">${this.t('wallet.topup.cvc')}</label>
                        <input id="topup-cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" data-testid="topup-cvc" required />
                    </div>
                </div>
                <p class="muted">${this.t('wallet.topup.card.note')}</p>
            </fieldset>
            ${this.fieldError ? html`<p class="problem" role="alert" data-testid="topup-invalid">${this.fieldError}</p>` : ''}
            <div class="actions">
                <button class="primary" type="submit" data-testid="topup-submit" ?disabled=${this.busy}>
                    ${this.busy ? this.t('wallet.topup.busy') : this.t('wallet.topup.submit')}</button>
            </div>
        </form>`;
    }

    render() {
        return html`<section data-testid="wallet-topup" class="wallet">
            <h1>${this.t('wallet.topup.title')}</h1>
            ${this.wallets === undefined && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${this.wallets && !this.wallets.length
                ? html`<p>${this.t('wallet.home.none')}</p><a class="button primary" href="#/wallet">${this.t('wallet.home.open')}</a>`
                : ''}
            ${this.wallets?.length ? this.form() : ''}
            <pg-problem .error=${this.error}></pg-problem>
            ${this.outcome()}
        </section>`;
    }
}

customElements.define('pg-wallet-topup', WalletTopUp);
