package io.ackbench.tools.chart;

import org.w3c.dom.Document;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on written charts: a PNG ImageIO reads at the chart's size, and an SVG that parses, of the same size. */
final class ChartImages {
    private ChartImages() {
    }

    /** Each chart written as a PNG and an SVG of the same stem, PNG first. */
    static void assertPngAndSvgPairs(final List<Path> written) throws Exception {
        assertThat(written).isNotEmpty();
        assertThat(written.size() % 2).isZero();
        for (int i = 0; i < written.size(); i += 2) {
            final Path png = written.get(i);
            final Path svg = written.get(i + 1);
            assertThat(png.getFileName().toString()).endsWith(ChartFiles.PNG);
            assertThat(svg.toString()).isEqualTo(
                png.toString().substring(0, png.toString().length() - ChartFiles.PNG.length()) + ChartFiles.SVG);
            assertPng(png);
            assertSvg(svg);
        }
    }

    static void assertPng(final Path png) throws Exception {
        assertThat(Files.size(png)).isPositive();
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s is a PNG ImageIO reads", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(ChartStyle.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartStyle.HEIGHT);
    }

    static void assertSvg(final Path svg) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // The DOCTYPE names the W3C's DTD; parsing must not try to fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        final Document document = factory.newDocumentBuilder().parse(svg.toFile());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getDocumentElement().getAttribute("width")).isEqualTo(ChartStyle.WIDTH + "px");
        assertThat(document.getDocumentElement().getAttribute("height")).isEqualTo(ChartStyle.HEIGHT + "px");
    }
}
