// #/wallet/scan — pay a merchant's QR code: the camera (getUserMedia into a <video>, a frame copied into a <canvas>
// every 700 ms) or an uploaded image; the code is read by the browser's BarcodeDetector or the web app's decoder
// (POST /v1/qr/decode). payment-service tells what the EMVCo payload means (POST /v1/qr_codes/scan: merchant, amount,
// label, expiry); the customer confirms (POST /v1/qr_codes/pay) and lands on the payment, with its SCA challenge if one
// is needed.
import {html} from 'lit';
import {api, newIdempotencyKey} from '../core/api.js';
import {formatDateTime, formatMoney, parseMoney} from '../core/format.js';
import {navigate} from '../core/router.js';
import {PgElement} from '../core/ui.js';
import {decodeQr, rememberPayment} from './data.js';

const FRAME_MS = 700;

export class WalletScan extends PgElement {
    static properties = {
        camera: {state: true},
        reading: {state: true},
        scanned: {state: true},
        busy: {state: true},
        error: {state: true},
        notice: {state: true},
    };

    disconnectedCallback() {
        this.stopCamera();
        super.disconnectedCallback();
    }

    async startCamera() {
        this.error = null;
        this.notice = null;
        if (!navigator.mediaDevices?.getUserMedia) {
            this.notice = this.t('wallet.scan.nocamera');
            return;
        }
        try {
            this.stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}, audio: false});
        } catch (e) {
            this.notice = this.t('wallet.scan.nocamera');
            return;
        }
        this.camera = true;
        await this.updateComplete;
        const video = this.querySelector('video');
        video.srcObject = this.stream;
        await video.play().catch(() => undefined);
        this.timer = setTimeout(() => this.frame(), FRAME_MS);
    }

    stopCamera() {
        clearTimeout(this.timer);
        this.stream?.getTracks().forEach((track) => track.stop());
        this.stream = null;
        this.camera = false;
    }

    async frame() {
        const video = this.querySelector('video');
        const canvas = this.querySelector('canvas');
        if (!this.stream || !video || !canvas) {
            return;
        }
        if (video.videoWidth) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            canvas.getContext('2d').drawImage(video, 0, 0);
            const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
            try {
                const text = blob ? await decodeQr(blob) : null;
                if (text) {
                    this.stopCamera();
                    await this.understand(text);
                    return;
                }
            } catch (e) {
                // a frame that could not be read: try the next one
            }
        }
        if (this.stream) {
            this.timer = setTimeout(() => this.frame(), FRAME_MS);
        }
    }

    async upload(event) {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (!file) {
            return;
        }
        this.error = null;
        this.notice = null;
        this.scanned = null;
        this.reading = true;
        try {
            const text = await decodeQr(file);
            if (text) {
                await this.understand(text);
            } else {
                this.notice = this.t('wallet.scan.nocode');
            }
        } catch (e) {
            this.error = e;
        } finally {
            this.reading = false;
        }
    }

    /** Asks payment-service what the code is; nothing is paid yet. */
    async understand(payload) {
        this.error = null;
        try {
            const answer = await api('payment', '/v1/qr_codes/scan', {method: 'POST', body: {payload}});
            this.scanned = {...answer, payload, key: newIdempotencyKey()};
        } catch (e) {
            this.error = e;
        }
    }

    async pay(event) {
        event.preventDefault();
        const s = this.scanned;
        const body = {payload: s.payload};
        if (s.amount === null || s.amount === undefined) {
            try {
                body.amount = parseMoney(this.querySelector('#scan-amount').value, s.currency);
            } catch (e) {
                this.error = {title: this.t('wallet.topup.amount.invalid'), code: 'invalid_amount'};
                return;
            }
        }
        this.busy = true;
        this.error = null;
        try {
            // one key per scanned code: a retry after a lost answer cannot pay twice
            const intent = rememberPayment(
                await api('payment', '/v1/qr_codes/pay', {method: 'POST', body, idempotencyKey: s.key}),
            );
            navigate(`/wallet/payments/${encodeURIComponent(intent.id)}`);
        } catch (e) {
            this.error = e;
        } finally {
            this.busy = false;
        }
    }

    confirm() {
        const s = this.scanned;
        const fixed = s.amount !== null && s.amount !== undefined;
        return html`<form class="card wallet-confirm" data-testid="scan-confirm" @submit=${(e) => this.pay(e)}>
            <h2>${this.t('wallet.scan.confirm')}</h2>
            <dl class="wallet-facts">
                <dt>${this.t('wallet.payment.payee')}</dt><dd data-testid="scan-merchant">${s.merchant?.name || s.merchant?.id}</dd>
                ${s.label ? html`<dt>${this.t('wallet.scan.label')}</dt><dd>${s.label}</dd>` : ''}
                ${fixed ? html`<dt>${this.t('wallet.payment.amount')}</dt><dd class="wallet-big" data-testid="scan-amount" data-minor=${s.amount}>${formatMoney(s.amount, s.currency)}</dd>` : ''}
                ${s.expires_at ? html`<dt>${this.t('wallet.scan.expires')}</dt><dd>${formatDateTime(s.expires_at)}</dd>` : ''}
            </dl>
            ${fixed
                ? ''
                : html`<label for="scan-amount">${this.t('wallet.payment.amount')} (${s.currency})</label>
                      <input id="scan-amount" inputmode="decimal" data-testid="scan-amount-input" required />`}
            <div class="actions">
                <button class="primary" type="submit" data-testid="scan-pay" ?disabled=${this.busy}>${this.t('wallet.scan.pay')}</button>
                <button type="button" @click=${() => (this.scanned = null)}>${this.t('core.cancel')}</button>
            </div>
        </form>`;
    }

    render() {
        return html`<section data-testid="wallet-scan" class="wallet">
            <h1>${this.t('wallet.scan.title')}</h1>
            ${this.scanned
                ? this.confirm()
                : html`<p>${this.t('wallet.scan.intro')}</p>
                      <div class="actions">
                          ${this.camera
                              ? html`<button @click=${() => this.stopCamera()}>${this.t('wallet.scan.stop')}</button>`
                              : html`<button class="primary" data-testid="scan-camera" @click=${() => this.startCamera()}>${this.t('wallet.scan.camera')}</button>`}
                      </div>
                      <div class="wallet-camera" ?hidden=${!this.camera}>
                          <video muted playsinline aria-label=${this.t('wallet.scan.preview')}></video>
                          <canvas hidden></canvas>
                      </div>
                      <label for="scan-file">${this.t('wallet.scan.upload')}</label>
                      <input id="scan-file" type="file" accept="image/*" data-testid="scan-file" @change=${(e) => this.upload(e)} />
                      ${this.reading ? html`<pg-loading></pg-loading>` : ''}`}
            ${this.notice ? html`<p class="notice" role="status" data-testid="scan-notice">${this.notice}</p>` : ''}
            <pg-problem .error=${this.error}></pg-problem>
        </section>`;
    }
}

customElements.define('pg-wallet-scan', WalletScan);
