/**
 * A small line of new flows per minute (issue 12): a picture of the trend next to the numbers. Decorative to
 * screen readers (the numbers around it say the same); the title gives the values on hover.
 */
export function Sparkline({ values, width = 60, height = 14, className = "" }: { values: number[]; width?: number; height?: number; className?: string }) {
  if (values.length < 2) return null;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 2)).toFixed(1)}`).join(" ");
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className={`inline-block align-middle ${className}`} aria-hidden="true" data-testid="sparkline">
      <title>{`new flows per minute: ${values.join(", ")}`}</title>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}
