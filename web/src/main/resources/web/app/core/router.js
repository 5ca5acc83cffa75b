// Hash routes ("#/wallet/history", "#/merchant/payments/pi_1"), registered by each area's index.js.
const routes = [];

export function registerRoute(route) {
    const names = [];
    const pattern = route.path.replace(/:(\w+)/g, (whole, name) => {
        names.push(name);
        return '([^/]+)';
    });
    routes.push({...route, names, regex: new RegExp(`^${pattern}$`)});
}

export function allRoutes() {
    return routes;
}

export function currentPath() {
    const hash = location.hash.replace(/^#/, '');
    return hash.split('?')[0] || '/';
}

/** The route matching the current hash, with its params; null when none does. */
export function match(path = currentPath()) {
    for (const route of routes) {
        const found = route.regex.exec(path);
        if (found) {
            const params = {};
            route.names.forEach((name, i) => {
                params[name] = decodeURIComponent(found[i + 1]);
            });
            return {route, params};
        }
    }
    return null;
}

export function routeParams() {
    return match()?.params ?? {};
}

/** Query parameters after the hash path ("#/merchant/payments?status=succeeded"). */
export function routeQuery() {
    const hash = location.hash.replace(/^#/, '');
    const index = hash.indexOf('?');
    return new URLSearchParams(index >= 0 ? hash.slice(index + 1) : '');
}

export function navigate(path) {
    location.hash = `#${path}`;
}

export function allowed(route, user) {
    return !route.roles || route.roles.some((role) => user?.roles.has(role));
}
