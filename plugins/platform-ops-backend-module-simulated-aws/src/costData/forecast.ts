/**
 * Linear forecast on recent daily costs (least squares over the last 14 complete days), with a
 * prediction interval from the residuals: what "forecast to end of month" needs.
 */
export interface DailyForecast {
  mean: (dayIndex: number) => number;
  /** Standard deviation of one day's residual. */
  sigma: number;
}

export function fitDaily(values: number[]): DailyForecast {
  const n = values.length;
  if (n === 0) return { mean: () => 0, sigma: 0 };
  const xs = values.map((_, i) => i);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = values.reduce((a, b) => a + b, 0) / n;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : xs.reduce((a, x, i) => a + (x - mx) * (values[i] - my), 0) / sxx;
  const intercept = my - slope * mx;
  const residuals = values.map((y, i) => y - (intercept + slope * i));
  const sigma = n > 2 ? Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / (n - 2)) : 0;
  // Index 0 is the first fitted day; forecast days continue the index.
  return { mean: i => Math.max(0, intercept + slope * i), sigma };
}

/** z of a two-sided prediction interval level in percent (51-99), by a rational approximation. */
export function zScore(levelPercent: number): number {
  const p = 1 - (1 - levelPercent / 100) / 2;
  // Acklam's inverse normal, central region is enough for 51-99 %.
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  const r = Math.sqrt(-Math.log(1 - p));
  const t = r - 1.6;
  return (
    (((((((7.7454501427834140764e-4 * t + 0.0227238449892691845833) * t + 0.24178072517745061177) * t +
      1.27045825245236838258) * t + 3.64784832476320460504) * t + 5.7694972214606914055) * t +
      4.6303378461565452959) * t + 1.42343711074968357734) /
    (((((((1.05075007164441684324e-9 * t + 5.475938084995344946e-4) * t + 0.0151986665636164571966) * t +
      0.14810397642748007459) * t + 0.68976733498510000455) * t + 1.6763848301838038494) * t +
      2.05319162663775882187) * t + 1)
  );
}
