package org.lantian.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExpressionDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.lantian.domain.Fact;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/**
 * What Lantian reads from a pack's DRL besides what Drools compiles, worked out once when the pack is
 * compiled and kept in the pack cache: the file each rule is in, and the fields of each fact type that the
 * rule reads. A rule reads a field when a pattern of that type constrains or binds it ({@code roadClass ==
 * …}, {@code $t : town}), or when the rule calls it on a variable bound to such a pattern, in its conditions
 * or its consequence ({@code $r.mechanizedRate()}), or through a function of the pack it calls with such a
 * fact. A field is a record component or a public method without parameters.
 */
record PackIndex(Map<String, String> files, Map<String, Map<String, List<String>>> reads) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern IDENTIFIER = Pattern.compile("([.$]?)\\b([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    /** The fields a rule reads of a fact type (simple class name), in the type's own order; empty if none. */
    List<String> reads(String rule, String type) {
        Map<String, List<String>> byType = reads.get(rule);
        if (byType == null) return List.of();
        return byType.getOrDefault(type, List.of());
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static PackIndex fromJson(String json) throws JsonProcessingException {
        PackIndex index = JSON.readValue(json, PackIndex.class);
        if (index.files() == null || index.reads() == null) throw new IllegalArgumentException("incomplete pack index");
        return index;
    }

    /** The index of a pack's files of rules (a decision table read as the DRL Drools makes of it). */
    static PackIndex of(List<RulePack.RuleFile> ruleFiles) throws PackException {
        Map<String, String> files = new TreeMap<>();
        Map<String, Map<String, List<String>>> reads = new TreeMap<>();
        for (RulePack.RuleFile drl : ruleFiles) {
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(false, drl.drl());
            } catch (DroolsParserException e) {
                throw new PackException(drl.path() + ": " + e.getMessage());
            }
            if (descr == null || parser.hasErrors()) continue; // the compiler reports these with their lines
            Types types = new Types(descr.getImports());
            Map<String, Map<String, Set<String>>> functions = functionReads(descr, types);
            for (RuleDescr rule : descr.getRules()) {
                files.put(rule.getName(), drl.name());
                reads.put(rule.getName(), ruleReads(rule, types, functions));
            }
        }
        return new PackIndex(files, reads);
    }

    private static Map<String, List<String>> ruleReads(RuleDescr rule, Types types,
                                                       Map<String, Map<String, Set<String>>> functions) {
        List<PatternDescr> patterns = new ArrayList<>();
        Map<PatternDescr, List<String>> branches = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        walk(rule.getLhs(), patterns, branches, text);
        text.append('\n').append(rule.getConsequence());
        rule.getNamedConsequences().values().forEach(c -> text.append('\n').append(c));
        String code = STRING.matcher(text).replaceAll("\"\"");

        Map<Class<?>, Set<String>> read = new LinkedHashMap<>();
        Map<String, Class<?>> bound = new LinkedHashMap<>();
        for (PatternDescr p : patterns) {
            Class<?> type = types.fact(p.getObjectType());
            if (type == null) continue;
            if (p.getIdentifier() != null) bound.put(p.getIdentifier(), type);
            Set<String> fields = read.computeIfAbsent(type, t -> new LinkedHashSet<>());
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExpressionDescr e) unqualified(e.getExpression(), type, fields);
                if (c instanceof BindingDescr b && b.getExpression() != null) unqualified(b.getExpression(), type, fields);
            }
            for (String condition : branches.getOrDefault(p, List.of())) unqualified(condition, type, fields);
        }
        bound.forEach((variable, type) -> qualified(code, variable, type, read.computeIfAbsent(type, t -> new LinkedHashSet<>())));
        functions.forEach((function, byType) -> {
            if (!Pattern.compile("\\b" + Pattern.quote(function) + "\\s*\\(").matcher(code).find()) return;
            byType.forEach((typeName, fields) -> {
                Class<?> type = types.fact(typeName);
                if (type != null) read.computeIfAbsent(type, t -> new LinkedHashSet<>()).addAll(fields);
            });
        });

        Map<String, List<String>> out = new TreeMap<>();
        read.forEach((type, fields) -> {
            if (!fields.isEmpty()) out.put(type.getSimpleName(), ordered(type, fields));
        });
        return out;
    }

    /** A function's reads: fields called on its parameters of fact types, by the parameter's type name. */
    private static Map<String, Map<String, Set<String>>> functionReads(PackageDescr descr, Types types) {
        Map<String, Map<String, Set<String>>> out = new LinkedHashMap<>();
        for (FunctionDescr f : descr.getFunctions()) {
            String body = STRING.matcher(String.valueOf(f.getBody())).replaceAll("\"\"");
            Map<String, Set<String>> byType = new TreeMap<>();
            for (int i = 0; i < f.getParameterNames().size(); i++) {
                Class<?> type = types.fact(f.getParameterTypes().get(i));
                if (type == null) continue;
                Set<String> fields = new LinkedHashSet<>();
                qualified(body, f.getParameterNames().get(i), type, fields);
                if (!fields.isEmpty()) byType.computeIfAbsent(type.getName(), t -> new LinkedHashSet<>()).addAll(fields);
            }
            if (!byType.isEmpty()) out.put(f.getName(), byType);
        }
        return out;
    }

    /**
     * Collects the patterns of a rule's conditions, at any depth (inside not, exists, from, accumulate, collect …),
     * and the conditions of its branches to named consequences ({@code if (…) break[name]}), which read the
     * fields of the pattern before them.
     */
    private static void walk(BaseDescr d, List<PatternDescr> patterns, Map<PatternDescr, List<String>> branches,
                             StringBuilder text) {
        if (d == null) return;
        if (d instanceof PatternDescr p) {
            patterns.add(p);
            for (BaseDescr c : p.getDescrs()) walk(c, patterns, branches, text);
            walk(p.getSource(), patterns, branches, text);
            return;
        }
        if (d instanceof ExpressionDescr e) text.append('\n').append(e.getExpression());
        if (d instanceof EvalDescr e) text.append('\n').append(e.getContent());
        if (d instanceof FromDescr f) text.append('\n').append(f.getExpression());
        if (d instanceof AccumulateDescr a) {
            walk(a.getInput(), patterns, branches, text);
            a.getFunctions().forEach(fn -> text.append('\n').append(String.join(", ", fn.getParams())));
            return;
        }
        if (d instanceof CollectDescr c) {
            walk(c.getInputPattern(), patterns, branches, text);
            return;
        }
        if (d instanceof ConditionalElementDescr ce) {
            PatternDescr before = null;
            for (BaseDescr c : ce.getDescrs()) {
                if (c instanceof ConditionalBranchDescr b) {
                    for (ConditionalBranchDescr branch = b; branch != null; branch = branch.getElseBranch()) {
                        if (branch.getCondition() == null) continue;
                        String condition = String.valueOf(branch.getCondition().getContent());
                        text.append('\n').append(condition);
                        if (before != null) branches.computeIfAbsent(before, k -> new ArrayList<>()).add(condition);
                    }
                    continue;
                }
                if (c instanceof PatternDescr p) before = p;
                walk(c, patterns, branches, text);
            }
        }
    }

    /** Fields named bare in a pattern's own constraint: {@code roadClass == …}, {@code subject() == $key}. */
    private static void unqualified(String expression, Class<?> type, Set<String> fields) {
        Set<String> candidates = fieldsOf(type);
        Matcher m = IDENTIFIER.matcher(STRING.matcher(expression).replaceAll("\"\""));
        while (m.find()) {
            if (m.group(1).isEmpty() && candidates.contains(m.group(2))) fields.add(m.group(2));
        }
    }

    /** Fields called on a variable: {@code $r.mechanizedRate()}, {@code b.capacityMw()}. */
    private static void qualified(String code, String variable, Class<?> type, Set<String> fields) {
        Set<String> candidates = fieldsOf(type);
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(variable) + "\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)").matcher(code);
        while (m.find()) {
            if (candidates.contains(m.group(1))) fields.add(m.group(1));
        }
    }

    /** Record components in declaration order, then the type's other public methods without parameters by name. */
    static Set<String> fieldsOf(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        if (type.isRecord()) for (RecordComponent c : type.getRecordComponents()) names.add(c.getName());
        List<String> methods = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
                    && m.getDeclaringClass() != Object.class && !m.getName().equals("partitionKey")
                    && !m.getName().equals("hashCode") && !m.getName().equals("toString")) {
                methods.add(m.getName());
            }
        }
        methods.sort(null);
        names.addAll(methods);
        return names;
    }

    private static List<String> ordered(Class<?> type, Set<String> fields) {
        List<String> out = new ArrayList<>();
        for (String f : fieldsOf(type)) if (fields.contains(f)) out.add(f);
        return out;
    }

    /** Resolves the type names of one DRL file through its imports, keeping only fact types. */
    private static final class Types {
        private final List<String> imports = new ArrayList<>();
        private final Map<String, Class<?>> resolved = new LinkedHashMap<>();

        Types(List<ImportDescr> imports) {
            for (ImportDescr i : imports) this.imports.add(i.getTarget());
        }

        Class<?> fact(String name) {
            if (name == null) return null;
            return resolved.computeIfAbsent(name, this::resolve);
        }

        private Class<?> resolve(String name) {
            List<String> tries = new ArrayList<>();
            tries.add(name);
            for (String i : imports) {
                if (i.endsWith(".*")) tries.add(i.substring(0, i.length() - 1) + name);
                else if (i.endsWith("." + name)) tries.add(i);
            }
            for (String t : tries) {
                try {
                    Class<?> c = Class.forName(t, false, PackIndex.class.getClassLoader());
                    return Fact.class.isAssignableFrom(c) ? c : null;
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next import
                }
            }
            return null;
        }
    }
}
