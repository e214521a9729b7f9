import { useI18n } from '../../i18n/i18n.tsx';

/** The organization's score over its stored evaluations, oldest on the left: a small line chart in SVG. */
export function TrendChart({ points }: { points: { evaluatedAt: string; score: number }[] }) {
  const { t, formatDateTime } = useI18n();
  if (points.length < 2) return <p className="hint">{t('dashboard.trendEmpty')}</p>;
  const width = 480;
  const height = 120;
  const x = (i: number) => 10 + (i * (width - 20)) / (points.length - 1);
  const y = (score: number) => height - 10 - score * (height - 20);
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const first = points[0]!;
  const last = points.at(-1)!;
  return (
    <figure className="trend">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('dashboard.trendLabel', {
          from: formatDateTime(first.evaluatedAt),
          to: formatDateTime(last.evaluatedAt),
          first: Math.round(first.score * 100),
          last: Math.round(last.score * 100),
        })}
      >
        <line x1="10" y1={y(1)} x2={width - 10} y2={y(1)} className="trend-grid" />
        <line x1="10" y1={y(0)} x2={width - 10} y2={y(0)} className="trend-grid" />
        <polyline points={line} className="trend-line" />
      </svg>
      <figcaption>
        {formatDateTime(first.evaluatedAt)} → {formatDateTime(last.evaluatedAt)}
      </figcaption>
    </figure>
  );
}
