"""Charts as PNG (matplotlib, Agg, no pyplot state): the same picture in the document and on
screen, served by a view so the page needs no inline script or style (strict CSP)."""

from __future__ import annotations

import io

from loalang.reports.selectors import ReportData

_BLUE = "#1f5fa8"


def _figure(width_in: float, height_in: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=150)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


def _integer_ticks():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _empty(fig, text: str) -> None:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=11, color="#555")


def chart_by_channel(data: ReportData) -> bytes:
    """Verified activities per channel in the period (horizontal bars)."""
    rows = [r for r in data.by_channel if r.activities]
    fig = _figure(7.0, max(2.0, 0.45 * len(rows) + 1.0))
    if not rows:
        _empty(fig, "Không có số liệu trong kỳ")
        return _png(fig)
    ax = fig.add_subplot()
    labels = [_wrap(r.label) for r in reversed(rows)]
    counts = [r.activities for r in reversed(rows)]
    bars = ax.barh(labels, counts, color=_BLUE)
    ax.bar_label(bars, labels=[f"{c:,}".replace(",", ".") for c in counts], padding=3, fontsize=8)
    ax.set_xlabel("Số hoạt động đã xác nhận")
    ax.xaxis.set_major_locator(_integer_ticks())
    ax.tick_params(axis="y", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.12)
    return _png(fig)


def chart_by_month(data: ReportData) -> bytes:
    """Verified activities per month of the period (columns)."""
    rows = data.by_month
    fig = _figure(7.0, 2.8)
    if not any(r.activities for r in rows):
        _empty(fig, "Không có số liệu trong kỳ")
        return _png(fig)
    ax = fig.add_subplot()
    labels = [r.label[:2] if len(rows) <= 12 else r.label for r in rows]
    ax.bar(labels, [r.activities for r in rows], color=_BLUE)
    ax.set_xlabel("Tháng" if len(rows) <= 12 else "Tháng/năm")
    ax.set_ylabel("Số hoạt động")
    ax.yaxis.set_major_locator(_integer_ticks())
    ax.tick_params(axis="x", labelsize=8, rotation=0 if len(rows) <= 12 else 60)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


CHARTS = {
    "kenh": (chart_by_channel, "Số hoạt động theo hình thức tuyên truyền"),
    "thang": (chart_by_month, "Số hoạt động theo tháng"),
}


def all_charts(data: ReportData) -> list[tuple[bytes, str]]:
    charts = [(CHARTS["kenh"][0](data), CHARTS["kenh"][1])]
    if len(data.by_month) > 1:
        charts.append((CHARTS["thang"][0](data), CHARTS["thang"][1]))
    return charts


def _wrap(text: str, width: int = 38) -> str:
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[:cut] + "\n" + text[cut + 1 :] if cut > 0 else text
