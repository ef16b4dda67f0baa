"""검색 엔진과 링크 공유 (sitemap.xml, OpenGraph/Twitter 카드의 미리 보기 그림).

sitemap.xml은 sphinx-sitemap이, 쪽마다의 og:title·og:description·og:image 태그는 sphinxext-opengraph가
쓴다(둘 다 _config.yml에서 켠다). 이 확장은 그 둘이 책 주소(html.baseurl)를 따르게 하고, 링크를 공유했을 때
보이는 미리 보기 그림(1200×630 PNG, 책 제목과 부제)을 빌드할 때 matplotlib로 그려 `_static/`에 둔다.
그림의 한글은 koreanize-matplotlib 패키지에 든 나눔고딕 글꼴 파일로 그린다(`ailib.plotting.korean_font_file`).
robots.txt도 써서 검색 엔진에 sitemap.xml의 위치를 알린다.

sphinx-sitemap은 이번 빌드에서 *쓴* 쪽만 적는다(그 저장소의 issue #13). 바뀐 쪽만 다시 쓰는 빌드 뒤에도
sitemap.xml이 책의 모든 쪽을 적도록, sphinx-sitemap이 파일을 쓰기 직전에 환경의 모든 문서를 그 목록에 더하고
(주소 형식과 제외 규칙은 sphinx-sitemap의 것 그대로) 겹친 것을 지워 주소 순서로 놓는다.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ailib.plotting import korean_font_file

CARD = "ai-library-card.png"            # _static/ai-library-card.png (ogp_image가 가리키는 파일)
CARD_SIZE = (1200, 630)                 # OpenGraph·Twitter summary_large_image 권장 크기(픽셀)
SUBTITLE = "코드를 실행하며 배우는 딥러닝 교과서"


def follow_base_url(app: Sphinx, config) -> None:
    """config-inited: og:url·og:image의 절대 주소와 sitemap의 주소가 html_baseurl에서 시작한다."""
    if not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl
    if not config.ogp_image:
        config.ogp_image = f"_static/{CARD}"


def draw_card(path: Path, title: str, subtitle: str) -> None:
    """미리 보기 그림: 짙은 바탕에 책 제목과 부제, 아래에 신경망 층을 닮은 점 무늬."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    dpi = 100
    figure = Figure(figsize=(CARD_SIZE[0] / dpi, CARD_SIZE[1] / dpi), dpi=dpi, facecolor="#12263a")
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, CARD_SIZE[0])
    ax.set_ylim(0, CARD_SIZE[1])
    layers = [(850 + 95 * i, [300 + 70 * (j - (n - 1) / 2) for j in range(n)]) for i, n in enumerate((3, 5, 5, 2))]
    for (x0, ys0), (x1, ys1) in zip(layers, layers[1:]):
        for y0 in ys0:
            for y1 in ys1:
                ax.plot((x0, x1), (y0, y1), color="#4f7ea8", linewidth=1, alpha=0.6)
    for x, ys in layers:
        ax.scatter([x] * len(ys), ys, s=260, color="#f2b33d", zorder=3)
    bold, regular = (FontProperties(fname=korean_font_file(bold)) for bold in (True, False))
    ax.text(80, 430, title, color="white", fontsize=64, fontproperties=bold)
    ax.text(80, 350, subtitle, color="#d7e3ee", fontsize=30, fontproperties=regular)
    figure.savefig(path, dpi=dpi, facecolor=figure.get_facecolor())


def write_card_and_robots(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: 미리 보기 그림(제목이 바뀌었을 때만 다시 그린다)과 robots.txt."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    card, stamp = outdir / "_static" / CARD, outdir / "_static" / f"{CARD}.title"
    text = f"{app.config.project}\n{SUBTITLE}"
    if not (card.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == text):
        card.parent.mkdir(parents=True, exist_ok=True)
        draw_card(card, app.config.project, SUBTITLE)
        stamp.write_text(text, encoding="utf-8")
    base = app.config.html_baseurl.rstrip("/") + "/"
    (outdir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def list_every_page(app: Sphinx, exception: Exception | None) -> None:
    """build-finished (sphinx-sitemap이 쓰기 전): 이번 빌드에서 쓰지 않은 쪽도 sitemap 목록에 넣는다."""
    if exception is not None or app.builder.format != "html" or "sphinx_sitemap" not in app.extensions:
        return
    import sphinx_sitemap

    for docname in app.env.all_docs:
        sphinx_sitemap.add_html_link(app, docname, None, {}, None)
    links = app.env.app.sitemap_links         # sphinx-sitemap이 모으는 (주소, 고친 날) 줄
    entries: dict[str, object] = {}
    while not links.empty():
        link, last_updated = links.get()
        entries.setdefault(link, last_updated)
    for link in sorted(entries):
        links.put((link, entries[link]))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", follow_base_url, priority=800)
    app.connect("build-finished", list_every_page, priority=400)   # sphinx-sitemap의 create_sitemap(500)보다 먼저
    app.connect("build-finished", write_card_and_robots)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
