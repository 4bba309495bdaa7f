package org.lantian.store;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Which group robot a webhook is: the message shape it takes (org.lantian.alerts.Messages writes both). */
public enum WebhookKind {
    /** 钉钉 custom robot: {"msgtype":"markdown","markdown":{"title":..,"text":..}}. */
    DINGTALK,
    /** 企业微信 group robot: {"msgtype":"markdown","markdown":{"content":..}}. */
    WECOM;

    /** The kind a robot's address says, for the two services' own hosts. */
    public static Optional<WebhookKind> ofUrl(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host == null) return Optional.empty();
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("oapi.dingtalk.com") || host.endsWith(".dingtalk.com")) return Optional.of(DINGTALK);
        if (host.equals("qyapi.weixin.qq.com")) return Optional.of(WECOM);
        return Optional.empty();
    }
}
