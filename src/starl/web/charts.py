"""Server-rendered SVG charts, readable without colour: every bar and point is labelled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

COMPONENT_COLOURS = {
    "situation": "#2563eb",
    "task": "#7c3aed",
    "action": "#059669",
    "result": "#d97706",
    "lesson": "#db2777",
}
# Patterns as well as colours, so the chart reads in greyscale and for colour-blind users.
COMPONENT_PATTERNS = {
    "situation": "",
    "task": "diag",
    "action": "",
    "result": "dots",
    "lesson": "cross",
}


@dataclass(frozen=True)
class TimingBar:
    component: str
    seconds: float
    target: float
    status: str


def _patterns() -> str:
    return (
        "<defs>"
        '<pattern id="p-diag" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#7c3aed"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" opacity=".55"/>'
        "</pattern>"
        '<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#d97706"/><circle cx="3" cy="3" r="1.3" fill="#fff" '
        'opacity=".6"/></pattern>'
        '<pattern id="p-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#db2777"/><path d="M0 0L6 6M6 0L0 6" stroke="#fff" '
        'stroke-width="1" opacity=".55"/></pattern>'
        "</defs>"
    )


def _fill(component: str) -> str:
    pattern = COMPONENT_PATTERNS.get(component)
    return f"url(#p-{pattern})" if pattern else COMPONENT_COLOURS.get(component, "#64748b")


def timing_chart(bars: Sequence[TimingBar], title: str = "Seconds per component") -> str:
    """Horizontal bars of seconds per component, each with a dashed target line and its
    figures written beside it."""
    width, label_w, row_h, top = 560, 92, 34, 28
    scale_max = max([b.target * 2 for b in bars] + [b.seconds for b in bars] + [1.0])
    plot_w = width - label_w - 120
    height = top + row_h * len(bars) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        _patterns(),
        f'<text x="0" y="16" class="chart-title">{escape(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_h
        w = max(bar.seconds / scale_max * plot_w, 0 if bar.seconds == 0 else 2)
        tx = label_w + bar.target / scale_max * plot_w
        name = bar.component.capitalize()
        parts += [
            f'<text x="0" y="{y + 17}" class="chart-label">{name}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{plot_w}" height="18" class="chart-track"/>',
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="18" '
            f'fill="{_fill(bar.component)}" data-component="{bar.component}">'
            f"<title>{name}: {bar.seconds:.0f} s of {bar.target:.0f} s</title></rect>",
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y}" y2="{y + 26}" class="chart-target"/>',
            f'<text x="{label_w + plot_w + 8}" y="{y + 17}" class="chart-figure">'
            f"{bar.seconds:.0f} s / {bar.target:.0f} s · {escape(bar.status)}</text>",
        ]
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(
    scores: Sequence[int], labels: Sequence[str] | None = None, title: str = "Score"
) -> str:
    """A line of scores (0 to 100) with every point marked and its value written."""
    width, height, pad_l, pad_r, pad_t, pad_b = 560, 180, 34, 16, 26, 26
    if not scores:
        return f'<p class="muted">No attempts yet for {escape(title.lower())}.</p>'
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    n = len(scores)
    step = plot_w / (n - 1) if n > 1 else 0

    def point(i: int, score: int) -> tuple[float, float]:
        x = pad_l + (i * step if n > 1 else plot_w / 2)
        return x, pad_t + plot_h * (1 - score / 100)

    points = [point(i, s) for i, s in enumerate(scores)]
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}: {", ".join(map(str, scores))}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="14" class="chart-title">{escape(title)}</text>',
    ]
    for level in (0, 50, 100):
        y = pad_t + plot_h * (1 - level / 100)
        parts.append(
            f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}" '
            'class="chart-grid"/>'
            f'<text x="{pad_l - 6}" y="{y + 4:.1f}" class="chart-axis" '
            f'text-anchor="end">{level}</text>'
        )
    if n > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" class="chart-line"/>')
    for i, ((x, y), score) in enumerate(zip(points, scores, strict=True)):
        tip = f"{labels[i]}: {score}" if labels else str(score)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="chart-point">'
            f"<title>{escape(tip)}</title></circle>"
        )
        if n <= 20 or i in (0, n - 1):
            parts.append(
                f'<text x="{x:.1f}" y="{y - 8:.1f}" class="chart-figure" '
                f'text-anchor="middle">{score}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def sparkline_svg(scores: Sequence[int], width: int = 120, height: int = 28) -> str:
    """A small trend line for tables and cards, with the latest score written after it."""
    if not scores:
        return '<span class="muted">no attempts</span>'
    n = len(scores)
    xs = [2 + i * (width - 34) / max(n - 1, 1) for i in range(n)]
    ys = [height - 3 - s / 100 * (height - 6) for s in scores]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="scores {", ".join(map(str, scores))}">'
        f'<polyline points="{path}" class="chart-line"/>'
        f'<circle cx="{xs[-1]:.1f}" cy="{ys[-1]:.1f}" r="2.5" class="chart-point"/>'
        f'<text x="{width - 2}" y="{height / 2 + 4}" text-anchor="end" '
        f'class="chart-figure">{scores[-1]}</text>'
        "</svg>"
    )
