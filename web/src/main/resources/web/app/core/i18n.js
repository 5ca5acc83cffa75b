// English and Simplified Chinese. Each area adds its messages with addMessages(locale, {key: text}); text may name
// variables as {name}. The choice is kept in localStorage (a preference, not personal data) and sets <html lang>.
const LOCALES = ['en', 'zh-CN'];
const STORE_KEY = 'pg.locale';
const messages = {en: {}, 'zh-CN': {}};
let locale = initialLocale();

function initialLocale() {
    const saved = localStorage.getItem(STORE_KEY);
    if (LOCALES.includes(saved)) {
        return saved;
    }
    return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function addMessages(forLocale, dictionary) {
    Object.assign(messages[forLocale], dictionary);
}

export function locales() {
    return LOCALES;
}

export function getLocale() {
    return locale;
}

export function setLocale(next) {
    if (!LOCALES.includes(next) || next === locale) {
        return;
    }
    locale = next;
    localStorage.setItem(STORE_KEY, next);
    document.documentElement.lang = next;
    window.dispatchEvent(new CustomEvent('pg-locale', {detail: next}));
}

/** The message for key in the current locale (English when missing; the key itself when unknown). */
export function t(key, vars = {}) {
    const text = messages[locale][key] ?? messages.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

document.documentElement.lang = locale;
