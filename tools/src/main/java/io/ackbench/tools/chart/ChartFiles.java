package io.ackbench.tools.chart;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a chart twice, {@code DIR/STEM.png} for reading and {@code DIR/STEM.svg} for scaling into a report. */
final class ChartFiles {
    static final String PNG = ".png";
    static final String SVG = ".svg";

    /** What a stem keeps as it is; anything else (path separators, spaces, {@code :}) becomes {@code _}. */
    private static final String PLAIN_PUNCTUATION = "._=,+-";

    private ChartFiles() {
    }

    /** @return the files written, PNG first */
    static List<Path> write(final Chart<?, ?> chart, final Path dir, final String stem) {
        final String safeStem = fileNameSafe(stem);
        final Path png = dir.resolve(safeStem + PNG);
        final Path svg = dir.resolve(safeStem + SVG);
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            try (OutputStream out = Files.newOutputStream(svg)) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the chart " + png + " (and " + SVG + ")", e);
        }
        return List.of(png, svg);
    }

    static String fileNameSafe(final String stem) {
        final StringBuilder safe = new StringBuilder(stem.length());
        for (int i = 0; i < stem.length(); i++) {
            final char c = stem.charAt(i);
            final boolean plain = c < 128 && (Character.isLetterOrDigit(c) || PLAIN_PUNCTUATION.indexOf(c) >= 0);
            safe.append(plain ? c : '_');
        }
        return safe.toString();
    }
}
