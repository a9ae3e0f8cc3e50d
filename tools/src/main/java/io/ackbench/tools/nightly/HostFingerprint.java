package io.ackbench.tools.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a benchmark figure depends on about the host that measured it: CPU model, flags and microcode, CPU count,
 * kernel, memory, boot, JVM, and the file system under each data directory (see {@link HostProbe} for where each
 * comes from). A nightly result carries it in a sibling file, {@code NAME.host.json} beside {@code NAME.json}, so
 * that the JMH JSON stays exactly JMH's; a result without one has an unknown host, which the gate treats as
 * another host ({@link GateDecision}).
 *
 * <p>Two fingerprints are the same host when their fields are equal; {@link #digest()} is the SHA-256 of the
 * canonical form ({@code key=value} lines in key order), recomputed on reading, so a hand-edited digest cannot
 * make two hosts equal.
 */
public final class HostFingerprint {
    public static final String CPU_MODEL = "cpu.model";
    public static final String CPU_FLAGS = "cpu.flags";
    public static final String CPU_MICROCODE = "cpu.microcode";
    public static final String CPU_COUNT = "cpu.count";
    public static final String KERNEL = "kernel";
    public static final String MEMORY_KIB = "memory.totalKiB";
    public static final String BOOT_ID = "boot.id";
    public static final String JVM_VENDOR = "jvm.vendor";
    public static final String JVM_VERSION = "jvm.version";
    /** A data directory's field: {@code data:DIR}, DIR as the benchmark list names it ({@code .} is the root). */
    public static final String DATA_PREFIX = "data:";
    /** The sibling file's suffix, in place of {@code .json}. */
    public static final String SUFFIX = ".host.json";

    private static final String JSON_SUFFIX = ".json";
    private static final int SHORT_DIGEST = 12;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The human diff's words for each field, in the order the diff lists them. */
    private static final Map<String, String> LABELS = Map.of(CPU_MODEL, "cpu model", CPU_FLAGS, "cpu flags",
        CPU_MICROCODE, "cpu microcode", CPU_COUNT, "cpus", KERNEL, "kernel", MEMORY_KIB, "memory KiB",
        BOOT_ID, "boot id", JVM_VENDOR, "jvm vendor", JVM_VERSION, "jvm version");
    private static final List<String> ORDER = List.of(CPU_MODEL, CPU_COUNT, CPU_FLAGS, CPU_MICROCODE, KERNEL,
        MEMORY_KIB, JVM_VENDOR, JVM_VERSION, BOOT_ID);

    private final SortedMap<String, String> fields;
    private final String digest;

    private HostFingerprint(final SortedMap<String, String> fields) {
        this.fields = fields;
        this.digest = sha256(canonical(fields));
    }

    /** @throws IllegalArgumentException on a blank key or a null value */
    public static HostFingerprint of(final Map<String, String> fields) {
        final SortedMap<String, String> copy = new TreeMap<>();
        fields.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                throw new IllegalArgumentException("a host fingerprint field needs a key and a value: " + key);
            }
            copy.put(key, value);
        });
        return new HostFingerprint(copy);
    }

    public Map<String, String> fields() {
        return fields;
    }

    /** SHA-256 of the canonical fields, in hex. */
    public String digest() {
        return digest;
    }

    /** The digest's first 12 hex digits, as reports quote it. */
    public String shortDigest() {
        return digest.substring(0, SHORT_DIGEST);
    }

    public boolean sameHost(final HostFingerprint other) {
        return fields.equals(other.fields);
    }

    /** {@code key=value} lines in key order: what the digest is of. */
    static String canonical(final Map<String, String> fields) {
        final StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * How {@code other} (the baseline's host) differs from this one (the current), field by field, as
     * {@code "cpu model: BASELINE vs CURRENT; kernel: ..."}; CPU flags as the flags only one side has; empty when
     * they are the same host.
     */
    public String differencesFrom(final HostFingerprint other) {
        final Set<String> keys = new TreeSet<>(fields.keySet());
        keys.addAll(other.fields.keySet());
        final List<String> ordered = new ArrayList<>();
        for (final String key : ORDER) {
            if (keys.remove(key)) {
                ordered.add(key);
            }
        }
        ordered.addAll(keys);
        final List<String> parts = new ArrayList<>();
        for (final String key : ordered) {
            final String before = other.fields.get(key);
            final String now = fields.get(key);
            if (before != null && before.equals(now)) {
                continue;
            }
            parts.add(label(key) + ": " + (key.equals(CPU_FLAGS) && before != null && now != null
                ? flagDifference(before, now) : shown(before) + " vs " + shown(now)));
        }
        return String.join("; ", parts);
    }

    private static String label(final String key) {
        if (key.startsWith(DATA_PREFIX)) {
            return "file system under " + key.substring(DATA_PREFIX.length());
        }
        return LABELS.getOrDefault(key, key);
    }

    private static String shown(final String value) {
        return value == null ? "none" : value;
    }

    /** {@code "only baseline has a b, only current has c"}. */
    private static String flagDifference(final String before, final String now) {
        final Set<String> onlyBefore = new TreeSet<>(List.of(before.split(" ")));
        final Set<String> onlyNow = new TreeSet<>(List.of(now.split(" ")));
        final Set<String> common = new TreeSet<>(onlyBefore);
        common.retainAll(onlyNow);
        onlyBefore.removeAll(common);
        onlyNow.removeAll(common);
        final List<String> parts = new ArrayList<>();
        if (!onlyBefore.isEmpty()) {
            parts.add("only baseline has " + String.join(" ", onlyBefore));
        }
        if (!onlyNow.isEmpty()) {
            parts.add("only current has " + String.join(" ", onlyNow));
        }
        return parts.isEmpty() ? "same flags, other order" : String.join(", ", parts);
    }

    /** The host file of a result: {@code NAME.host.json} for {@code NAME.json}. */
    public static Path siblingOf(final Path result) {
        final String name = result.getFileName().toString();
        final String stem = name.endsWith(JSON_SUFFIX) ? name.substring(0, name.length() - JSON_SUFFIX.length()) : name;
        return result.resolveSibling(stem + SUFFIX);
    }

    /** Whether {@code file} is a host file rather than a result. */
    public static boolean isHostFile(final Path file) {
        return file.getFileName().toString().endsWith(SUFFIX);
    }

    /** {@code {"digest": "...", "fields": {...}}}. */
    public String toJson() {
        final ObjectNode root = JSON.createObjectNode();
        root.put("digest", digest);
        final ObjectNode node = root.putObject("fields");
        fields.forEach(node::put);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (final IOException e) {
            throw new IllegalStateException("cannot render a host fingerprint", e);
        }
    }

    public void write(final Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /** @throws IllegalArgumentException when the text is not a host file */
    public static HostFingerprint parse(final String json) {
        final JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (final IOException e) {
            throw new IllegalArgumentException("not a host fingerprint (" + e.getMessage() + ")", e);
        }
        final JsonNode node = root == null ? null : root.get("fields");
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a host fingerprint: no \"fields\" object");
        }
        final SortedMap<String, String> fields = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("not a host fingerprint: " + field.getKey() + " is not text");
            }
            fields.put(field.getKey(), field.getValue().asText());
        }
        return new HostFingerprint(fields);
    }

    /**
     * The fingerprint stored beside {@code result}, or empty when the result has none (a baseline from before
     * fingerprints).
     *
     * @throws IllegalArgumentException when the host file exists but cannot be read
     */
    public static Optional<HostFingerprint> besides(final Path result) {
        final Path file = siblingOf(result);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file)));
        } catch (final IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof HostFingerprint that && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "host " + shortDigest() + " " + fields;
    }
}
