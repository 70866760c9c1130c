// Horizontal bar chart in plain SVG, in the application's colour, readable in grey print
// (dark bars on white, the value written at the end of each bar).
//
// Why not a charting library: recharts (behind @mantine/charts) bundles decimal.js-light,
// which assigns `toString` on a plain object at load time; under Tauri's `freezePrototype`
// (issue #8, kept on) that assignment throws and the whole window stays blank. A few bars
// do not need a library.
import { formatCount } from "../format";

type Bar = { label: string; value: number };

const ROW = 26;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 56;
const WIDTH = 640;

export function Bars({ data, title }: { data: Bar[]; title: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = data.length * ROW + 8;
  return (
    <svg
      role="img"
      aria-label={`Graphique : ${title}`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: "block" }}
      data-testid="bars"
    >
      <title>{title}</title>
      {data.map((d, i) => {
        const y = 4 + i * ROW;
        const w = Math.max(d.value > 0 ? 2 : 0, (d.value / max) * barSpace);
        const label = d.label.length > 34 ? `${d.label.slice(0, 33)}…` : d.label;
        return (
          <g key={`${d.label}-${i}`}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize="13" fill="#161616">
              {label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 4} width={w} height={ROW - 8} fill="#000091" data-testid="bar" />
            <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize="13" fill="#161616">
              {formatCount(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
