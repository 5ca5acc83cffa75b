// Helpers the console's screens share: time-range inputs, downloads, role checks and a generic result table.
import {html} from 'lit';
import {hasRole} from '../core/auth.js';
import {formatDateTime} from '../core/format.js';
import {t} from '../core/i18n.js';

export const AUDIT_ROLES = ['auditor', 'compliance-officer'];
export const REVIEW_ROLES = ['operator', 'compliance-officer'];
export const PRIVACY_ROLES = ['compliance-officer'];
export const KYC_ROLES = ['operator', 'compliance-officer'];
export const RETENTION_ROLES = ['auditor', 'compliance-officer', 'operator'];

export function canAudit() {
    return AUDIT_ROLES.some((role) => hasRole(role));
}

export function isComplianceOfficer() {
    return hasRole('compliance-officer');
}

/** The value of a datetime-local input ("2026-12-07T10:15", local time) as an ISO instant; '' when empty or invalid. */
export function toInstant(localValue) {
    if (!localValue) {
        return '';
    }
    const date = new Date(localValue);
    return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** A Date as the value a datetime-local input takes (local time, minutes). */
export function toLocalInput(date) {
    const pad = (n) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Saves a fetch Response as a file (blob → object URL → a temporary <a download>); returns the blob. */
export async function saveResponse(response, filename) {
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return blob;
}

/** The from/to pair of datetime-local inputs, labelled; ids are prefixed so several forms may coexist. */
export function rangeInputs(prefix, from, to, onFrom, onTo) {
    return html`<div class="console-field">
            <label for="${prefix}-from">${t('console.filter.from')}</label>
            <input id="${prefix}-from" type="datetime-local" data-testid="${prefix}-from" .value=${from}
                @change=${(e) => onFrom(e.target.value)} />
        </div>
        <div class="console-field">
            <label for="${prefix}-to">${t('console.filter.to')}</label>
            <input id="${prefix}-to" type="datetime-local" data-testid="${prefix}-to" .value=${to}
                @change=${(e) => onTo(e.target.value)} />
        </div>`;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A cell value for people: instants formatted, lists joined, objects as compact JSON, null as a dash. */
export function cell(value) {
    if (value === null || value === undefined || value === '') {
        return html`<span class="muted">—</span>`;
    }
    if (Array.isArray(value)) {
        return value.length ? value.join(', ') : html`<span class="muted">—</span>`;
    }
    if (typeof value === 'object') {
        return html`<code>${JSON.stringify(value)}</code>`;
    }
    if (typeof value === 'string' && INSTANT.test(value)) {
        return html`<time datetime=${value}>${formatDateTime(value)}</time>`;
    }
    return String(value);
}

/** Column heading: the console's message for a known field, else the field's own name. */
export function columnTitle(key) {
    const id = `console.col.${key}`;
    const text = t(id);
    return text === id ? key : text;
}

/** A table of plain rows whose columns are the union of their keys, in first-seen order. */
export function rowsTable(rows, testid, caption) {
    const columns = [];
    for (const row of rows) {
        for (const key of Object.keys(row)) {
            if (!columns.includes(key)) {
                columns.push(key);
            }
        }
    }
    return html`<div class="console-scroll" tabindex="0" role="region" aria-label=${caption}><table class="responsive" data-testid=${testid}>
        <caption class="visually-hidden">${caption}</caption>
        <thead><tr>${columns.map((c) => html`<th scope="col">${columnTitle(c)}</th>`)}</tr></thead>
        <tbody>${rows.map((row) => html`<tr>${columns.map((c) => html`<td data-label=${columnTitle(c)}>${cell(row[c])}</td>`)}</tr>`)}</tbody>
    </table></div>`;
}
