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

    private ForkedJvm() {
    }
}
