package org.lantian.batch;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How findings.jsonl is written ({@code lantian batch --compress}): as it is, gzip ({@code findings.jsonl.gz})
 * or Zstandard ({@code findings.jsonl.zst}). The same findings give the same compressed bytes: gzip's header
 * holds no time, and neither compressor depends on anything but its level and the bytes.
 */
public enum Compression {
    NONE("findings.jsonl"),
    GZIP("findings.jsonl.gz"),
    ZSTD("findings.jsonl.zst");

    /** gzip's fastest level: a night writes a gigabyte of findings, and level 1 already takes JSON lines to a tenth. */
    static final int GZIP_LEVEL = Deflater.BEST_SPEED;
    /** Zstandard's default level, faster than gzip's fastest and smaller. */
    static final int ZSTD_LEVEL = 3;

    private final String file;

    Compression(String file) {
        this.file = file;
    }

    /** The name of the findings file in the output folder. */
    public String file() {
        return file;
    }

    OutputStream open(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(GZIP_LEVEL);
                }
            };
            case ZSTD -> new ZstdOutputStream(out, ZSTD_LEVEL);
        };
    }

    /** Reads a findings file of any of these kinds, by its name. */
    public static InputStream read(java.nio.file.Path file) throws IOException {
        InputStream in = java.nio.file.Files.newInputStream(file);
        String name = file.getFileName().toString();
        if (name.endsWith(".gz")) return new GZIPInputStream(in, 1 << 16);
        if (name.endsWith(".zst")) return new com.github.luben.zstd.ZstdInputStream(in);
        return in;
    }
}
