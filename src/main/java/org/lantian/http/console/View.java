package org.lantian.http.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.lantian.store.Principal;
import org.lantian.store.Role;

/**
 * What every page knows besides its own data: the language (Chinese unless the user chose English), who is
 * signed in, the session's CSRF token for its forms, and the page's own path (for the language toggle).
 */
public record View(String lang, Principal who, String csrf, String path) {

    public boolean en() {
        return "en".equals(lang);
    }

    /** The text in the page's language. */
    public String t(String zh, String en) {
        return en() ? en : zh;
    }

    public boolean admin() {
        return who != null && who.role() == Role.ADMIN;
    }

    public boolean inspector() {
        return who != null && who.role() == Role.INSPECTOR;
    }

    public boolean unit() {
        return who != null && who.role() == Role.UNIT;
    }

    /** Who is signed in, as the header shows it. */
    public String signedInAs() {
        if (who == null) return "";
        return switch (who.role()) {
            case ADMIN -> t("管理员", "admin");
            case INSPECTOR -> t("检查员 ", "inspector ") + who.inspector();
            case UNIT -> who.unit();
        };
    }

    /** This page in the other language. */
    public String toggle() {
        return path + (path.contains("?") ? "&" : "?") + "lang=" + (en() ? "zh" : "en");
    }

    /** A path segment, percent-encoded (unit names are Chinese, subjects may hold "/"). */
    public static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A share as a percentage ("87.5%"), or "—" when nothing was judged. */
    public static String pct(Double share) {
        return share == null ? "—" : String.format("%.1f%%", share * 100);
    }

    /** The CSS class of a finding or case status. */
    public static String cls(Object status) {
        return "st-" + String.valueOf(status).toLowerCase();
    }
}
