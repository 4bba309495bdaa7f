package org.lantian.pack;

/** A ledger category (任务类别), such as 三 强化扬尘综合管控和治理. */
public record Category(String numeral, String name, String en) {
}
