package io.ackbench.load.keys;

/**
 * The upper tail of the chi-square distribution, {@code P(X >= x)} for {@code k} degrees of freedom, which equals
 * the regularized upper incomplete gamma function {@code Q(k/2, x/2)}.
 *
 * <p>Q is evaluated with the power series of P = 1 - Q when {@code x < a + 1} and with a continued fraction (modified
 * Lentz) otherwise, the two standard expansions that converge quickly in those regions; log Gamma uses the Lanczos
 * approximation (g = 7, 9 terms), accurate to about 15 digits.
 */
public final class ChiSquareDistribution {
    private static final int MAX_ITERATIONS = 10_000;
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;

    private static final double LANCZOS_G = 7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };

    private ChiSquareDistribution() {
    }

    /**
     * @param x                statistic, at least 0.
     * @param degreesOfFreedom at least 1.
     * @return {@code P(X >= x)}.
     */
    public static double upperTail(final double x, final int degreesOfFreedom) {
        if (degreesOfFreedom < 1 || !(x >= 0)) {
            throw new IllegalArgumentException("need x >= 0 and degrees of freedom >= 1, got " + x + " and " +
                degreesOfFreedom);
        }
        return regularizedUpperGamma(degreesOfFreedom / 2.0, x / 2.0);
    }

    static double regularizedUpperGamma(final double a, final double x) {
        if (x == 0) {
            return 1.0;
        }
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        return x < a + 1 ? 1.0 - lowerSeries(a, x) : upperContinuedFraction(a, x);
    }

    /** P(a, x) = x^a e^-x / Gamma(a + 1) * sum x^n / ((a+1)...(a+n)). */
    private static double lowerSeries(final double a, final double x) {
        double term = 1.0 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    /** Q(a, x) = x^a e^-x / Gamma(a) * 1 / (x + 1 - a - 1(1 - a) / (x + 3 - a - 2(2 - a) / (x + 5 - a - ...))). */
    private static double upperContinuedFraction(final double a, final double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double fraction = d;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            final double an = -n * (n - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            final double delta = d * c;
            fraction *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * fraction;
    }

    /**
     * @param z greater than 0.
     * @return {@code ln Gamma(z)}.
     */
    static double logGamma(final double z) {
        if (z < 0.5) {
            // Reflection: Gamma(z) Gamma(1 - z) = pi / sin(pi z).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        final double zm1 = z - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (zm1 + i);
        }
        final double t = zm1 + LANCZOS_G + 0.5;
        return 0.5 * Math.log(2 * Math.PI) + (zm1 + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
