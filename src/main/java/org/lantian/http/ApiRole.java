package org.lantian.http;

import io.javalin.security.RouteRole;
import org.lantian.store.Role;

/** Who may call a route, declared on the route itself; {@link ApiServer} checks it in one place. */
enum ApiRole implements RouteRole {
    /** No token needed. */
    ANYONE,
    INSPECTOR,
    UNIT,
    ADMIN;

    static ApiRole of(Role role) {
        return valueOf(role.name());
    }
}
