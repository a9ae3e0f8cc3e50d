package io.ackbench.jmh;

/**
 * JVM flags every forked benchmark JVM gets through {@code @Fork(jvmArgsAppend = ...)}, so that
 * {@code java -jar benchmarks.jar} needs none on its command line.
 */
final class ForkedJvm {
    /** Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}, which JDK 17 exports only on request. */
    static final String AGRONA_UNSAFE = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** A fixed heap, so GC sizing does not drift between forks and runs. */
    static final String HEAP_MIN = "-Xms1g";
    static final String HEAP_MAX = "-Xmx1g";

    // Chronicle Bytes 2.27ea1 fails at class init on JDK 17 without these (docs/measuring.md); with AGRONA_UNSAFE,
    // which it needs too, they are the parent pom's chronicle.jvm.flags. One constant each: annotation values cannot
    // take an array constant.
    static final String CHRONICLE_OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String CHRONICLE_OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String CHRONICLE_OPEN_NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    static final String CHRONICLE_OPEN_NIO_CH = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String CHRONICLE_OPEN_MISC = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED";
    static final String CHRONICLE_EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    static final String CHRONICLE_EXPORT_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String CHRONICLE_EXPORT_SUN_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    static final String CHRONICLE_OPEN_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    static final String CHRONICLE_OPEN_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";
    /** Chronicle would otherwise try to send usage analytics; the network is closed. */
    static final String CHRONICLE_NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

    private ForkedJvm() {
    }
}
