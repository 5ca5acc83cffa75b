// The suite's addresses, served by the web app itself (GET /config.json), so one build runs on any deployment.
let current = null;

export async function loadConfig() {
    const response = await fetch('/config.json', {cache: 'no-store', credentials: 'same-origin'});
    if (!response.ok) {
        throw new Error(`config.json answered ${response.status}`);
    }
    current = await response.json();
    return current;
}

export function config() {
    if (!current) {
        throw new Error('configuration not loaded yet');
    }
    return current;
}
