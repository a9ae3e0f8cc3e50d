package io.ackbench.tools.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** How the reports print numbers: a score to the precision its error allows, ratios to three decimals. */
final class Figures {
    /** An error is only known to about two digits, and the score only to the error's last digit. */
    private static final int ERROR_DIGITS = 2;
    /** Digits of a score whose error is unknown or zero. */
    private static final int SCORE_DIGITS = 4;
    private static final String RATIO_FORMAT = "%.3f";
    private static final String NOT_AVAILABLE = "n/a";

    private Figures() {
    }

    /** {@code 125.6 ± 1.4}; without a finite error, the score to four significant digits. */
    static String scoreWithError(final double score, final double error) {
        if (!Double.isFinite(score)) {
            return NOT_AVAILABLE;
        }
        if (!Double.isFinite(error) || error == 0) {
            return significant(score, SCORE_DIGITS);
        }
        final BigDecimal roundedError = new BigDecimal(Math.abs(error)).round(new MathContext(ERROR_DIGITS));
        final BigDecimal roundedScore = new BigDecimal(score).setScale(roundedError.scale(), RoundingMode.HALF_EVEN);
        return roundedScore.toPlainString() + " ± " + roundedError.toPlainString();
    }

    static String significant(final double value, final int digits) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    static String ratio(final double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, RATIO_FORMAT, ratio) : NOT_AVAILABLE;
    }

    /** A number for JSON: null when it is not finite (JSON has no NaN or infinity). */
    static Double finiteOrNull(final double value) {
        return Double.isFinite(value) ? value : null;
    }
}
