package org.lantian.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The group robot of each responsible unit that alerts go to: one webhook a unit (docs/alerts.md). */
public final class Webhooks {
    private final Store store;

    Webhooks(Store store) {
        this.store = store;
    }

    public record Webhook(String unit, String url, WebhookKind kind, OffsetDateTime setAt, String setBy) {
    }

    /**
     * Sets a unit's webhook (replacing one it had); true when the unit had none. The URL must be an absolute
     * http(s) address; the kind is the one given, else the one its host says.
     */
    public boolean set(String unit, String url, WebhookKind kind, String by) throws SQLException {
        if (unit == null || unit.isBlank() || unit.length() > 200) throw new IllegalArgumentException("unit: expected a unit name of 1 to 200 characters");
        check(url);
        WebhookKind k = kind != null ? kind : WebhookKind.ofUrl(url).orElseThrow(() -> new IllegalArgumentException(
                "kind: the address is neither DingTalk's (oapi.dingtalk.com) nor WeCom's (qyapi.weixin.qq.com); say which message shape it takes: DINGTALK or WECOM"));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = store.connection()) {
            try {
                int n;
                try (PreparedStatement s = c.prepareStatement("UPDATE webhooks SET url = ?, kind = ?, set_at = ?, set_by = ? WHERE unit = ?")) {
                    s.setString(1, url);
                    s.setString(2, k.name());
                    s.setObject(3, now);
                    s.setString(4, by);
                    s.setString(5, unit);
                    n = s.executeUpdate();
                }
                if (n == 0) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO webhooks (unit, url, kind, set_at, set_by) VALUES (?, ?, ?, ?, ?)")) {
                        s.setString(1, unit);
                        s.setString(2, url);
                        s.setString(3, k.name());
                        s.setObject(4, now);
                        s.setString(5, by);
                        s.executeUpdate();
                    }
                }
                c.commit();
                return n == 0;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** An absolute http(s) URL of at most 2000 characters, or an IllegalArgumentException saying what is wrong. */
    static void check(String url) {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("url: expected the robot's webhook address, found nothing");
        if (url.length() > 2000) throw new IllegalArgumentException("url: expected at most 2000 characters, found " + url.length());
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a valid address (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
            throw new IllegalArgumentException("url: expected an absolute http:// or https:// address, found \"" + url + "\"");
        }
    }

    /** Removes a unit's webhook; false when it had none. Its alerts not yet sent are dropped when their turn comes. */
    public boolean remove(String unit) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement("DELETE FROM webhooks WHERE unit = ?")) {
            s.setString(1, unit);
            int n = s.executeUpdate();
            c.commit();
            return n == 1;
        }
    }

    public Optional<Webhook> get(String unit) throws SQLException {
        return list().stream().filter(w -> w.unit().equals(unit)).findFirst();
    }

    public List<Webhook> list() throws SQLException {
        List<Webhook> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT unit, url, kind, set_at, set_by FROM webhooks ORDER BY unit")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Webhook(r.getString(1), r.getString(2), WebhookKind.valueOf(r.getString(3)),
                            r.getObject(4, OffsetDateTime.class), r.getString(5)));
                }
            }
            c.rollback();
        }
        return out;
    }
}
