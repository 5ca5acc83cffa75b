// #/wallet — balances of the customer's wallets and the statement of one, newest first, with infinite scroll on the
// keyset-paginated statement (IntersectionObserver on a sentinel, and a "load more" button for browsers without it).
import {html} from 'lit';
import {api} from '../core/api.js';
import {formatDateTime} from '../core/format.js';
import {PgElement} from '../core/ui.js';
import {openWallet, wallets} from './data.js';

const PAGE = 20;

export class WalletHome extends PgElement {
    static properties = {
        wallets: {state: true},
        selected: {state: true},
        items: {state: true},
        cursor: {state: true},
        loading: {state: true},
        loadingMore: {state: true},
        error: {state: true},
        pageError: {state: true},
    };

    constructor() {
        super();
        this.wallets = null;
        this.items = [];
        this.cursor = null;
        this.loadingMore = false;
    }

    connectedCallback() {
        super.connectedCallback();
        this.load();
    }

    disconnectedCallback() {
        this.observer?.disconnect();
        super.disconnectedCallback();
    }

    async load() {
        this.error = null;
        try {
            this.wallets = await wallets();
            if (this.wallets.length) {
                this.select(this.wallets[0].id);
            }
        } catch (e) {
            this.error = e;
        }
    }

    async open() {
        this.error = null;
        try {
            await openWallet();
            await this.load();
        } catch (e) {
            this.error = e;
        }
    }

    select(id) {
        this.selected = id;
        this.items = [];
        this.cursor = null;
        this.done = false;
        this.more();
    }

    async more() {
        if (this.loadingMore || this.done || !this.selected) {
            return;
        }
        this.loadingMore = true;
        this.pageError = null;
        const wallet = this.selected;
        try {
            const page = await api('wallet', `/v1/wallets/${encodeURIComponent(wallet)}/statement`, {
                query: {limit: PAGE, cursor: this.cursor},
            });
            if (wallet !== this.selected) {
                return;
            }
            this.items = [...this.items, ...(page.items || [])];
            this.cursor = page.nextCursor || null;
            this.done = !this.cursor;
        } catch (e) {
            this.pageError = e;
        } finally {
            this.loadingMore = false;
        }
        await this.updateComplete;
        // observing again reports the sentinel's current state: a page that did not fill the screen loads the next one
        if (this.observed && !this.pageError) {
            this.observer.unobserve(this.observed);
            this.observer.observe(this.observed);
        }
    }

    updated() {
        const sentinel = this.querySelector('.wallet-sentinel');
        if (!sentinel || !('IntersectionObserver' in window)) {
            return;
        }
        if (this.observed !== sentinel) {
            this.observer?.disconnect();
            this.observer = new IntersectionObserver((entries) => {
                if (entries.some((e) => e.isIntersecting)) {
                    this.more();
                }
            });
            this.observer.observe(sentinel);
            this.observed = sentinel;
        }
    }

    balances() {
        return html`<ul class="wallet-balances" aria-label=${this.t('wallet.home.balances')}>
            ${this.wallets.map(
                (w) => html`<li class="card wallet-balance ${w.id === this.selected ? 'selected' : ''}">
                    <p class="wallet-balance-label">${this.t('wallet.home.balance', {currency: w.balance.currency})}</p>
                    <p class="wallet-balance-amount" data-testid="wallet-balance" data-currency=${w.balance.currency}
                        data-minor=${w.balance.minor}><pg-money .amount=${w.balance.minor} currency=${w.balance.currency}></pg-money></p>
                    <p class="muted">${this.t('wallet.home.available')}:
                        <pg-money .amount=${w.available.minor} currency=${w.available.currency}></pg-money>
                        · ${this.t(`wallet.class.${w.walletClass}`)}</p>
                    <p class="muted wallet-id">${this.t('wallet.home.id')}: <code data-testid="wallet-id">${w.id}</code></p>
                    ${this.wallets.length > 1
                        ? html`<button class="link" @click=${() => this.select(w.id)} aria-pressed=${w.id === this.selected ? 'true' : 'false'}>
                              ${this.t('wallet.home.show', {currency: w.balance.currency})}</button>`
                        : ''}
                </li>`,
            )}
        </ul>`;
    }

    line(item) {
        const sign = item.direction === 'debit' ? -1 : 1;
        const payment = item.reference?.startsWith('pi_') && item.type !== 'top_up';
        return html`<li class="wallet-line" data-testid="wallet-line" data-type=${item.type}>
            <span class="wallet-line-what">
                <span class="wallet-line-type">${this.t(`wallet.entry.${item.type}`)}</span>
                <span class="muted">${formatDateTime(item.postedAt)}</span>
                ${payment
                    ? html`<a href="#/wallet/payments/${encodeURIComponent(item.reference)}" class="muted">${this.t('wallet.home.details')}</a>`
                    : ''}
            </span>
            <pg-money class="wallet-line-amount" .amount=${sign * item.amount.minor} currency=${item.amount.currency}></pg-money>
        </li>`;
    }

    history() {
        return html`<h2>${this.t('wallet.home.history')}</h2>
            ${this.items.length
                ? html`<ul class="wallet-lines" data-testid="wallet-history">${this.items.map((i) => this.line(i))}</ul>`
                : this.loadingMore
                  ? ''
                  : html`<pg-empty text=${this.t('wallet.home.nohistory')}></pg-empty>`}
            <pg-problem .error=${this.pageError}></pg-problem>
            ${this.loadingMore ? html`<pg-loading></pg-loading>` : ''}
            ${this.done
                ? ''
                : html`<div class="wallet-sentinel" aria-hidden="true"></div>
                      <button data-testid="wallet-more" @click=${() => this.more()} ?disabled=${this.loadingMore}>${this.t('core.more')}</button>`}`;
    }

    render() {
        return html`<section data-testid="wallet-home" class="wallet">
            <h1>${this.t('wallet.home.title')}</h1>
            <pg-problem .error=${this.error}></pg-problem>
            ${this.wallets === null && !this.error ? html`<pg-loading></pg-loading>` : ''}
            ${this.wallets && !this.wallets.length
                ? html`<div class="card"><p>${this.t('wallet.home.none')}</p>
                      <button class="primary" data-testid="wallet-open" @click=${() => this.open()}>${this.t('wallet.home.open')}</button></div>`
                : ''}
            ${this.wallets?.length
                ? html`${this.balances()}
                      <div class="actions wallet-actions">
                          <a class="button primary" href="#/wallet/topup" data-testid="wallet-go-topup">${this.t('wallet.nav.topup')}</a>
                          <a class="button" href="#/wallet/scan">${this.t('wallet.nav.scan')}</a>
                          <a class="button" href="#/wallet/transfer">${this.t('wallet.nav.transfer')}</a>
                      </div>
                      ${this.history()}`
                : ''}
        </section>`;
    }
}

customElements.define('pg-wallet-home', WalletHome);
