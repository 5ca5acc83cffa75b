// Money is an integer number of minor units, always. Formatting goes through a decimal string (Intl.NumberFormat
// formats strings exactly), parsing is string arithmetic: no floating point anywhere.
import {getLocale} from './i18n.js';

const exponents = new Map();

export function currencyExponent(currency) {
    if (!exponents.has(currency)) {
        const options = new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions();
        exponents.set(currency, options.maximumFractionDigits);
    }
    return exponents.get(currency);
}

function decimalString(minor, exponent) {
    const value = BigInt(minor);
    const negative = value < 0n;
    const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
    const whole = exponent ? digits.slice(0, -exponent) : digits;
    const fraction = exponent ? `.${digits.slice(-exponent)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** formatMoney(12345, 'CNY') → "¥123.45" (en), "¥123.45" (zh-CN); exact for any safe integer. */
export function formatMoney(minor, currency) {
    if (minor === null || minor === undefined || !currency) {
        return '';
    }
    const exponent = currencyExponent(currency);
    return new Intl.NumberFormat(getLocale(), {
        style: 'currency',
        currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
    }).format(decimalString(minor, exponent));
}

/** parseMoney('123.45', 'CNY') → 12345. Throws RangeError for anything that is not a plain positive amount. */
export function parseMoney(text, currency) {
    const exponent = currencyExponent(currency);
    const clean = String(text ?? '').trim().replace(/[\s,，]/g, '');
    const match = /^(\d{1,15})(?:[.。](\d*))?$/.exec(clean);
    if (!match) {
        throw new RangeError('amount');
    }
    const fraction = match[2] || '';
    if (fraction.length > exponent) {
        throw new RangeError('decimals');
    }
    const minor = BigInt(match[1]) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
    if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new RangeError('amount');
    }
    return Number(minor);
}

export function formatDateTime(iso) {
    if (!iso) {
        return '';
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return String(iso);
    }
    return new Intl.DateTimeFormat(getLocale(), {dateStyle: 'medium', timeStyle: 'short'}).format(date);
}
