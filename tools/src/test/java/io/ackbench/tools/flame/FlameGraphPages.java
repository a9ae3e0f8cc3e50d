package io.ackbench.tools.flame;

/** Flame graph pages in async-profiler 4.x's layout, reduced to the parts {@link FlameGraphHtml} reads. */
final class FlameGraphPages {
    /**
     * all (100 samples) - java/lang/Thread.run (90) - io/ackbench/jmh/Bench.run (90) - io/ackbench/record/Writer.append
     * (60) and its sibling java/lang/Object.wait (20); beside Thread.run, a second io/ackbench/jmh/Bench.run (5).
     * Project frames: 3, under 95 samples. The pool compresses names against their predecessor; {@code f}'s left
     * edge (30) counts from the previous frame's (Object.wait's, 60).
     */
    static final String PROJECT_CPU = page("""
        'all',
        ' io/ackbench/jmh/Bench.run',
        ',record/Writer.append',
        ' java/lang/Object.wait',
        '*Thread.run'
        """, """
        n(3,100)
        u(34,90)
        u(10)
        u(18,60)
        n(26,20)
        f(10,1,30,5)
        """);

    /** all (40) - java/lang/Thread.run (40) - java/lang/Object.wait (40). */
    static final String FOREIGN_CPU = page("""
        'all',
        ' java/lang/Object.wait',
        '*Thread.run'
        """, """
        n(3,40)
        u(18)
        u(10)
        """);

    /** Only the root, no samples: what async-profiler writes when nothing was allocated. */
    static final String EMPTY = page("""
        'all'
        """, """
        n(3)
        """);

    private FlameGraphPages() {
    }

    static String page(final String namePool, final String frames) {
        return "<!DOCTYPE html>\n<html><head><script>\n\tfunction unpack(cpool) {}\n"
            + "const cpool = [\n" + namePool.strip() + "\n];\nunpack(cpool);\n\n" + frames.strip()
            + "\n\nsearch();\n</script></body></html>\n";
    }
}
