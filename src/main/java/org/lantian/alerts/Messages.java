package org.lantian.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.lantian.Json;
import org.lantian.store.Outbox.CaseAlert;
import org.lantian.store.Outbox.Message;
import org.lantian.store.Outbox.OpenCase;
import org.lantian.store.WebhookKind;

/**
 * What the alerts say, in Chinese first and English, as markdown that both group robots render, and the
 * request body each robot takes. Every message contains 蓝天, the keyword a robot's security setting can ask for.
 */
public final class Messages {
    /** WeCom takes at most 4096 bytes of markdown; DingTalk more. */
    static final int MAX_MARKDOWN_BYTES = 4000;
    /** The body field that carries the idempotency key (also sent as the header {@link Delivery#KEY_HEADER}). */
    public static final String KEY_FIELD = "idempotencyKey";

    private Messages() {
    }

    /** The alert of a new OVERDUE or repeat case to one of its units. */
    public static Message alert(CaseAlert a) {
        boolean overdue = a.kind() == org.lantian.store.Outbox.Kind.OVERDUE;
        String what = overdue ? "逾期未整改 Overdue" : "重复违规 Repeat";
        String title = "蓝天 · " + what + " · 案件 #" + a.caseId();
        StringBuilder md = new StringBuilder();
        md.append("### 蓝天 · ").append(what).append("\n\n");
        md.append("**案件 Case #").append(a.caseId()).append("** · 措施 Measure ").append(a.measure()).append("\n\n");
        md.append("- 规则 Rule: ").append(plain(a.rule())).append('\n');
        md.append("- 对象 Subject: ").append(plain(a.subject())).append('\n');
        md.append("- 立案 Opened: ").append(a.openedOn()).append(" · 整改期限 Due: ").append(a.dueOn()).append('\n');
        if (!overdue || a.repeats() > 0) md.append("- 重复次数 Repeats: ").append(a.repeats()).append('\n');
        md.append("- 责任单位 Unit: ").append(plain(a.unit())).append("\n\n");
        md.append(overdue
                ? "已过整改期限仍未整改，请尽快整改并提交整改材料。Past its due day: rectify and post the evidence."
                : "已整改结案后再次违规，请重新整改并提交整改材料。Failing again after it was closed: rectify and post the evidence.");
        md.append(" (POST /api/v1/cases/").append(a.caseId()).append("/evidence)");
        return new Message(title, md.toString());
    }

    /** A unit's morning digest: its OPEN and OVERDUE cases, overdue first, as many as fit in one message. */
    public static Message digest(String unit, LocalDate day, List<OpenCase> cases) {
        long overdue = cases.stream().filter(c -> c.status().equals("OVERDUE")).count();
        String title = "蓝天 · 每日整改提醒 " + day + " · " + unit;
        StringBuilder md = new StringBuilder();
        md.append("### 蓝天 · 每日整改提醒 Daily digest ").append(day).append("\n\n");
        md.append("**").append(plain(unit)).append("**: 未整改案件 ").append(cases.size()).append(" 件，其中逾期 ").append(overdue)
                .append(" 件 (").append(cases.size()).append(" open, ").append(overdue).append(" overdue)\n\n");
        int shown = 0;
        for (OpenCase c : cases) {
            String line = "- " + (c.status().equals("OVERDUE") ? "**逾期 OVERDUE**" : "待整改 OPEN") + " #" + c.id() + " · "
                    + plain(c.rule()) + " · " + plain(c.subject()) + " · 期限 due " + c.dueOn()
                    + (c.repeats() > 0 ? " · 重复 repeats " + c.repeats() : "") + "\n";
            String more = "\n…另有 " + (cases.size() - shown) + " 件 (and " + (cases.size() - shown) + " more)";
            if (bytes(md) + bytes(line) + bytes(more) > MAX_MARKDOWN_BYTES) {
                md.append(more);
                return new Message(title, md.toString());
            }
            md.append(line);
            shown++;
        }
        return new Message(title, md.toString());
    }

    private static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Text from the data (a subject, a rule id, a unit) as plain text in markdown: on one line, with the
     * characters markdown or its HTML would read escaped, and at most 200 characters.
     */
    static String plain(String s) {
        if (s == null) return "-";
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        if (one.length() > 200) one = one.substring(0, 200) + "…";
        StringBuilder out = new StringBuilder();
        for (char ch : one.toCharArray()) {
            if ("\\`*_[]()<>#|!~".indexOf(ch) >= 0) out.append('\\');
            out.append(ch);
        }
        return out.toString();
    }

    /** The request body for a robot of this kind, with the idempotency key as a field of its own. */
    public static String body(WebhookKind kind, String title, String markdown, String key) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("msgtype", "markdown");
        ObjectNode m = root.putObject("markdown");
        switch (kind) {
            case DINGTALK -> {
                m.put("title", title);
                m.put("text", markdown);
            }
            case WECOM -> m.put("content", markdown);
        }
        root.put(KEY_FIELD, key);
        try {
            return Json.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
