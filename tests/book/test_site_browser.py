"""책 사이트 브라우저 시험: 빌드한 HTML을 headless Chromium(Debian의 chromium, Playwright로 조종)으로 연다.

- 모든 쪽이 콘솔 오류 없이 열리고, 책 안의 그림·링크·앵커가 깨지지 않았다.
- 검색창이 한국어 낱말(두 음절 조각)과 코드 낱말로 그 낱말이 나오는 쪽을 모두 찾고, 엉터리 낱말로는 아무것도 찾지 않는다.
- 본문·제목·코드의 한글이 한글 글꼴로 그려진다. 화면은 _build/screenshots/에 남긴다.
- 실행(Binder/Colab)·내려받기·저장소 단추가 있고 제 곳을 가리킨다.
- 좁은(휴대폰) 화면에서 본문이 가로로 넘치지 않는다.
- 모든 수식이 책이 보낸 MathJax(_static/mathjax)로 그려졌다: 수식 노드마다 MathJax 출력이 하나씩, 날 TeX
  (`\\(`, `\\[`, `$$`)도 MathJax 오류(merror, "Undefined control sequence" 등)도 없다. 깨진 수식이 든 작은
  책은 같은 검사에 걸린다.
- axe-core(axe-playwright-python)가 모든 쪽에서 접근성 위반을 하나도 찾지 못한다(영향도와 관계없이).
  책의 모든 그림에는 뜻 있는 대체 글(alt)이 있다.
- 1280 px 화면에서 코드 셀과 출력이 잘리지 않는다(가로 스크롤이 생기지 않는다).

이 컴퓨터는 인터넷에 닿지 않는다. 127.0.0.1 밖으로 가는 요청은 막고, 막은 요청 때문에 생긴
콘솔 오류만 무시한다. 책 자신의 파일에서 난 오류는 모두 실패다. 책은 바깥 주소에서 아무것도 가져오지 않아야
그림·수식이 온전하다.
개발할 때는 AILIB_SITE_DIR=<빌드한 html 폴더>로 이미 빌드한 책을 시험할 수 있다(기본은 built_book).
"""
import json
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import ROOT, build_book
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

import results_page
from accessible_html import meaningful_alt
from book_pages import toc_chapters
from korean_search import SearchKorean

pytestmark = pytest.mark.book

CHROMIUM = Path("/usr/bin/chromium")
# Playwright는 launch마다 새 임시 프로필(--user-data-dir)을 만든다. 바깥 연결을 시도하는 기능은 끈다.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}
QUERIES = ["배치", "행렬", "기울기 소실", "합성곱", "에폭", "CrossEntropyLoss"]
NONSENSE = ["뛟퀗븕", "zqxjvwkq"]
# korean.css가 선언한 한글 글꼴들. 시험 컴퓨터에는 `make test`가 나눔고딕(fonts-nanum)을 설치한다.
HANGUL_FONTS = {"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", "NanumGothic",
                "Nanum Gothic", "D2Coding", "Noto Sans Mono CJK KR", "NanumGothicCoding"}
PROBE = "한글글꼴시험"
LOCAL = re.compile(r"^(?!http://127\.0\.0\.1[:/])")   # 127.0.0.1이 아닌 모든 주소


# ---------------------------------------------------------------- 사이트와 브라우저

@pytest.fixture(scope="session")
def screenshots(site_dir: Path) -> Path:
    folder = site_dir.parent / "screenshots"          # _build/html → _build/screenshots
    folder.mkdir(exist_ok=True)
    return folder


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """폴더를 127.0.0.1의 빈 포트에서 여러 스레드로 보여 주고, 그 주소를 돌려준다."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM}가 없습니다. `make test`가 설치하거나 `apt-get install chromium`으로 설치하세요 "
                    "(Chromium is missing: run `make test`, which installs it, or apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def offline_context(browser: Browser, viewport: dict) -> tuple[BrowserContext, set[str]]:
    """127.0.0.1 밖으로 가는 요청을 막는 새 문맥과, 막은 주소들의 집합."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    blocked: set[str] = set()

    def block(route) -> None:
        blocked.add(route.request.url)
        route.abort("blockedbyclient")

    context.route(LOCAL, block)
    return context, blocked


@dataclass
class PageVisit:
    """쪽 하나를 연 결과."""
    errors: list[str]             # 책 자신의 콘솔 오류, 잡히지 않은 예외, 실패한 요청
    broken_images: list[str]
    links: list[str]              # 책 안을 가리키는 링크(절대 주소)
    ids: set[str]                 # 앵커로 쓸 수 있는 id와 name
    text: str                     # 본문(article)의 글
    notebook: bool                # 실행할 수 있는 장(.ipynb를 내려받을 수 있다)
    math: dict                    # 수식 노드 수, 그려진 수, MathJax 오류, 남은 날 TeX (READ_MATH)
    images: list[dict]            # 본문 그림의 src와 alt
    clipped: list[dict]           # 1280 px 화면에서 가로로 잘린 코드·출력 (CLIPPED_CODE)
    violations: list[dict]        # axe-core가 찾은 접근성 위반
    axe_seconds: float            # 이 쪽에서 axe가 걸린 시간


def open_page(context: BrowserContext, blocked: set[str], url: str,
              wait_until: str = "networkidle") -> tuple[Page, list[str]]:
    """쪽을 열고, 막은 바깥 요청 탓이 아닌 오류를 모두 모은다 (기본: 늦은 요청까지 끝날 때까지 기다린다)."""
    page, errors = context.new_page(), []

    def console(message) -> None:
        source = message.location.get("url", "")
        if message.type == "error" and source not in blocked:
            errors.append(f"console: {message.text} ({source}:{message.location.get('lineNumber')})")

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: request.url in blocked or errors.append(
        f"request failed: {request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and errors.append(
        f"HTTP {response.status}: {response.url}"))
    page.goto(url, wait_until=wait_until)
    return page, errors


READ_PAGE = """async () => {
  const own = (url) => new URL(url, location.href).origin === location.origin;
  const images = [...document.images].filter((img) => own(img.currentSrc || img.src));
  const broken = await Promise.all(images.map((img) => {
    img.loading = "eager";
    return img.decode().then(() => null, () => img.getAttribute("src"));
  }));
  const article = document.querySelector("article.bd-article");
  return {
    broken: broken.filter((src) => src !== null),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href).filter(own),
    ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.name),
    text: article ? article.textContent : "",
    notebook: document.querySelector(".btn-download-notebook-button") !== null,
    images: [...document.querySelectorAll(".bd-article img")].map((img) => ({
      src: img.getAttribute("src"), alt: img.getAttribute("alt")})),
  };
}"""

# 수식: Sphinx·myst가 쓰는 수식 노드(span.math, div.math)마다 MathJax가 mjx-container를 하나 넣었는지,
# MathJax 오류(TeX 오류는 local_mathjax.py 덕분에 merror가 된다)와 그려지지 않고 남은 TeX 구분자가 있는지.
READ_MATH = r"""async () => {
  const nodes = [...document.querySelectorAll(".math")];
  if (nodes.length && window.MathJax?.startup?.promise) await window.MathJax.startup.promise;
  const rendered = nodes.filter((n) => n.querySelectorAll(":scope > mjx-container").length === 1).length;
  const errors = [...document.querySelectorAll("mjx-merror, [data-mjx-error]")].map((e) =>
      e.getAttribute("data-mjx-error") || e.textContent.trim());
  const raw = [];
  const skip = "pre, code, script, style, textarea, mjx-container, .highlight";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const at = text.data.search(/\\\(|\\\[|\$\$|\\begin\{/);
    if (at >= 0 && !text.parentElement.closest(skip)) raw.push(text.data.slice(at, at + 60).trim());
  }
  return {nodes: nodes.length, rendered, containers: document.querySelectorAll("mjx-container").length,
          errors: [...new Set(errors)], raw, script: document.querySelector("script[src*='mathjax']")?.src ?? null};
}"""

# 코드와 출력: 접힌 부분(hide-input, 풀이)까지 펼친 뒤, 보이는 폭보다 내용이 넓은(가로로 잘리거나 스크롤해야
# 하는) 코드 블록과 출력을 모은다.
CLIPPED_CODE = """() => {
  document.querySelectorAll(".bd-article details").forEach((d) => { d.open = true; });
  document.querySelectorAll(".bd-article .toggle-hidden").forEach((e) => e.classList.remove("toggle-hidden"));
  const blocks = [...document.querySelectorAll(
      ".bd-article pre, .bd-article .cell_output > .output, .bd-article .cell_output table")];
  return blocks.filter((e) => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1).map((e) => ({
    kind: e.closest(".cell_output") ? "output" : "code", scroll: e.scrollWidth, client: e.clientWidth,
    line: e.textContent.split("\\n").reduce((a, b) => (b.length > a.length ? b : a), "")}));
}"""


def page_paths(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if p.relative_to(site_dir).parts[0] not in NOT_PAGES)


@pytest.fixture(scope="session")
def site_pages(browser, site_dir, site_url) -> dict[str, PageVisit]:
    """책의 모든 쪽을 데스크톱 화면으로 한 번씩 열어 본 결과."""
    context, blocked = offline_context(browser, DESKTOP)
    visits, axe = {}, Axe()
    for path in page_paths(site_dir):
        page, errors = open_page(context, blocked, site_url + path)
        found = page.evaluate(READ_PAGE)
        math = page.evaluate(READ_MATH)
        errors = list(errors)       # axe가 스타일시트의 @import를 쪽 주소 기준으로 다시 읽어 내는 404는 책 탓이 아니다
        started = time.perf_counter()
        violations = axe_violations(axe, page)
        axe_seconds = time.perf_counter() - started
        clipped = page.evaluate(CLIPPED_CODE)             # 접힌 곳을 펼치므로 axe 다음에
        redirected = site_path(page.url) != path          # index.html은 첫 장으로 넘어간다
        page.close()
        visits[path] = PageVisit(errors, found["broken"], found["links"], set(found["ids"]),
                                 "" if redirected else " ".join(found["text"].split()), found["notebook"],
                                 math, found["images"], clipped, violations, axe_seconds)
    context.close()
    return visits


def axe_violations(axe: Axe, page: Page) -> list[dict]:
    """axe-core의 기본 규칙 전부(best-practice 포함)로 쪽을 검사한 위반: 규칙, 영향도, 걸린 요소 몇 개."""
    found = axe.run(page).response["violations"]
    return [{"rule": v["id"], "impact": v["impact"], "count": len(v["nodes"]), "help": v["help"],
             "where": [" ".join(map(str, node["target"])) for node in v["nodes"][:5]]} for v in found]


@pytest.fixture(scope="session")
def documents(site_dir: Path) -> list[str]:
    """책의 문서(장, 머리말, 용어집...) 쪽들: 검색 색인이 아는 문서 이름 + .html."""
    index = (site_dir / "searchindex.js").read_text(encoding="utf-8")
    return sorted(f"{name}.html" for name in json.loads(index[len("Search.setIndex("):-1])["docnames"])


def site_path(url: str) -> str:
    return unquote(urlsplit(url).path).lstrip("/")


# ---------------------------------------------------------------- 모든 쪽

def test_only_errors_caused_by_blocked_outside_requests_are_ignored(browser, tmp_path):
    """오류를 모으는 방법 자체의 시험: 막은 CDN 요청은 무시하고, 책 자신의 파일에서 난 오류는 모두 잡는다."""
    (tmp_path / "page.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js">'
        '</script><script src="missing.js"></script></head><body><img src="missing.png">'
        '<script>console.error("책의 오류"); throw new Error("잡히지 않은 예외");</script></body></html>',
        encoding="utf-8")
    context, blocked = offline_context(browser, DESKTOP)
    with serve(tmp_path) as url:
        page, errors = open_page(context, blocked, url + "page.html")
    context.close()
    assert blocked == {"https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"}
    assert not any("cdn.jsdelivr.net" in error for error in errors)
    for expected in ("missing.js", "missing.png", "책의 오류", "잡히지 않은 예외"):
        assert any(expected in error for error in errors), (expected, errors)


def test_every_page_opens_without_errors_from_the_book(site_pages):
    assert "book/intro.html" in site_pages
    errors = {path: visit.errors for path, visit in site_pages.items() if visit.errors}
    assert errors == {}


def test_no_broken_images_links_or_anchors_inside_the_book(site_pages, site_dir):
    broken = []
    for path, visit in site_pages.items():
        broken += [f"{path}: 그림 {src}" for src in visit.broken_images]
        for link in visit.links:
            target, fragment = site_path(link), unquote(urlsplit(link).fragment)
            file = site_dir / target
            if file.is_dir():
                file, target = file / "index.html", (target.rstrip("/") + "/index.html").lstrip("/")
            if not file.is_file():
                broken.append(f"{path}: 링크 {link}")
            elif fragment and target in site_pages and fragment not in site_pages[target].ids:
                broken.append(f"{path}: 앵커 {link}")
    assert broken == []
    chapters = [visit for visit in site_pages.values() if visit.text]
    assert sum(len(visit.links) for visit in chapters) > 3 * len(chapters)   # 링크를 정말 모았다


# ---------------------------------------------------------------- 검색

def search(page: Page, site_url: str, query: str) -> list[str]:
    """첫 쪽의 검색창에 검색어를 쳐 넣고 Enter, 결과 쪽들의 경로를 돌려준다."""
    page.goto(site_url + "book/intro.html", wait_until="load")
    page.locator("button.search-button__button:visible").first.click()
    box = page.locator("#pst-search-dialog input[name=q]")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    page.wait_for_function("() => document.querySelector('#search-results .search-summary')"
                           "?.textContent.trim().length > 0")
    hrefs = page.eval_on_selector_all("#search-results ul.search li > a", "links => links.map(a => a.href)")
    return sorted({site_path(href) for href in hrefs})


@pytest.fixture(scope="session")
def search_page(browser):
    context, _ = offline_context(browser, DESKTOP)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_every_page_that_contains_the_term(search_page, site_url, site_pages, documents, screenshots,
                                                       query):
    teaching = sorted(path for path in documents if query in site_pages[path].text)
    if not teaching:
        pytest.skip(f"아직 '{query}'가 나오는 쪽이 책에 없다 (no page contains {query!r} yet)")
    found = search(search_page, site_url, query)
    if query == "행렬":
        search_page.screenshot(path=screenshots / "search-results.png")
    assert set(teaching) <= set(found), f"찾지 못한 쪽 (missed): {sorted(set(teaching) - set(found))}"


@pytest.mark.parametrize("query", NONSENSE)
def test_search_finds_nothing_for_a_nonsense_word(search_page, site_url, query):
    assert search(search_page, site_url, query) == []


def test_the_browser_splits_queries_exactly_like_the_index(search_page, site_url):
    samples = ["행렬", "행렬은 CrossEntropyLoss로 계산한다", "기울기 소실", "미니배치, 에폭!",
               "3층짜리 ReLU와 합성곱층", "층", unicodedata.normalize("NFD", "합성곱 신경망"), "batch_size=32"]
    search_page.goto(site_url + "search.html", wait_until="load")
    in_browser = search_page.evaluate("samples => samples.map(splitQuery)", samples)
    korean = SearchKorean({})
    assert in_browser == [korean.split(sample) for sample in samples]


# ---------------------------------------------------------------- 글꼴과 화면

def hangul_fonts_used(page: Page, selector: str) -> list[dict]:
    """selector 안에 한글 시험 글자를 넣고, Chromium이 그 글자를 그린 실제 글꼴들을 돌려준다."""
    page.evaluate("""([selector, probe]) => {
      const span = document.createElement("span");
      span.id = "hangul-probe"; span.textContent = probe;
      document.querySelector(selector).appendChild(span);
    }""", [selector, PROBE])
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#hangul-probe"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    page.evaluate("document.getElementById('hangul-probe').remove()")
    cdp.detach()
    return fonts


def assert_hangul_font(fonts: list[dict]) -> None:
    assert {font["familyName"] for font in fonts} <= HANGUL_FONTS, fonts
    assert sum(font["glyphCount"] for font in fonts) == len(PROBE)


def first_chapter(site_pages, documents) -> str:
    return next(path for path in documents if site_pages[path].notebook)


def test_korean_text_renders_with_a_korean_font(browser, site_url, site_pages, documents, screenshots):
    context, blocked = offline_context(browser, DESKTOP)
    for path, name in (("book/intro.html", "intro"), (first_chapter(site_pages, documents), "chapter")):
        page, errors = open_page(context, blocked, site_url + path)
        stack = page.evaluate("getComputedStyle(document.querySelector('.bd-article p')).fontFamily")
        assert "Malgun Gothic" in stack and "NanumGothic" in stack     # 사이트가 한글 글꼴을 선언한다
        for selector in (".bd-article p", ".bd-article h1"):
            assert_hangul_font(hangul_fonts_used(page, selector))
        if page.locator(".bd-article pre").count():
            assert_hangul_font(hangul_fonts_used(page, ".bd-article pre"))
        page.screenshot(path=screenshots / f"{name}.png")
        if name == "chapter":
            figure = page.locator(".bd-article img").first
            figure.scroll_into_view_if_needed()
            figure.screenshot(path=screenshots / "chapter-figure.png")
        assert errors == []
    context.close()


# ---------------------------------------------------------------- 단추

def test_launch_download_and_repository_buttons_point_where_they_should(browser, site_url, site_pages, documents):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    repo, branch = config["repository"]["url"], config["repository"]["branch"]
    launch = config["launch_buttons"]
    owner_repo = urlsplit(repo).path.strip("/")
    context, blocked = offline_context(browser, DESKTOP)
    assert any(site_pages[path].notebook for path in documents)
    for path in documents:
        page, errors = open_page(context, blocked, site_url + path, wait_until="load")
        assert page.locator("a.btn-source-repository-button").get_attribute("href") == repo
        if site_pages[path].notebook:
            source_href = page.locator("a.btn-download-source-button").evaluate("a => a.href")
            source = site_path(source_href).removeprefix("_sources/")
            page.locator(".dropdown-launch-buttons button").click()
            binder = page.get_by_role("link", name="Binder")
            colab = page.get_by_role("link", name="Colab")
            assert binder.is_visible() and colab.is_visible()
            assert binder.get_attribute("href") == (f"{launch['binderhub_url']}/v2/gh/{owner_repo}/{branch}"
                                                    f"?urlpath=lab/tree/{source}")
            colab_url = urlsplit(colab.get_attribute("href"))    # Colab은 GitHub에 있는 .ipynb만 연다
            assert f"{colab_url.scheme}://{colab_url.netloc}" == launch["colab_url"]
            assert colab_url.path.startswith(f"/github/{owner_repo}/blob/")
            assert colab_url.path.endswith("/" + str(Path(source).with_suffix(".ipynb")))
            notebook = page.request.get(page.locator("a.btn-download-notebook-button").evaluate("a => a.href"))
            code = [cell["source"] for cell in json.loads(notebook.body())["cells"] if cell["cell_type"] == "code"]
            assert any("import ailib" in "".join(source_lines) for source_lines in code)
            assert page.request.get(source_href).ok
            assert page.locator(".btn-download-pdf-button").count() == 1
        page.close()
        assert errors == []
    context.close()


# ---------------------------------------------------------------- 휴대폰 화면

NARROW_CHECK = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  const prose = [...document.querySelectorAll(
      ".bd-article p, .bd-article li, .bd-article h1, .bd-article h2, .bd-article h3, .bd-article dt, .bd-article dd")]
    .filter((e) => e.getClientRects().length && !scrolls(e));
  const overflowing = prose.filter((e) => { const r = e.getBoundingClientRect();
      return r.left < -1 || r.right > width + 1; }).map((e) => e.textContent.trim().slice(0, 40));
  return {width, pageWidth: document.documentElement.scrollWidth, prose: prose.length, overflowing,
          fontSize: parseFloat(getComputedStyle(document.querySelector(".bd-article p")).fontSize),
          viewport: document.querySelector("meta[name=viewport]")?.content ?? ""};
}"""


def test_phone_screens_show_the_prose_without_horizontal_scrolling(browser, site_url, site_pages, documents,
                                                                   screenshots):
    context, blocked = offline_context(browser, PHONE)
    problems = {}
    for path in documents:
        page, errors = open_page(context, blocked, site_url + path, wait_until="load")
        seen = page.evaluate(NARROW_CHECK)
        if path == first_chapter(site_pages, documents):
            page.screenshot(path=screenshots / "chapter-phone.png")
        page.close()
        assert "width=device-width" in seen["viewport"] and seen["fontSize"] >= 14 and seen["prose"] > 0
        if errors or seen["overflowing"] or seen["pageWidth"] > seen["width"]:
            problems[path] = {"errors": errors, **seen}
    context.close()
    assert problems == {}


# ---------------------------------------------------------------- 수식

def math_problems(math: dict) -> dict:
    """READ_MATH의 결과에서 문제만: 그려지지 않은 수식, MathJax 오류, 남은 날 TeX, 책 밖에서 온 MathJax."""
    problems = {}
    if not math["rendered"] == math["containers"] == math["nodes"]:
        problems["rendered"] = f"수식 노드 {math['nodes']}개 중 {math['rendered']}개만 그려짐 (mjx-container {math['containers']})"
    if math["errors"]:
        problems["errors"] = math["errors"]
    if math["raw"]:
        problems["raw TeX"] = math["raw"]
    if math["nodes"] and not urlsplit(math["script"] or "").path.endswith("/_static/mathjax/tex-mml-chtml.js"):
        problems["script"] = math["script"]
    return problems


def test_every_formula_is_rendered_by_the_books_own_mathjax(site_pages, site_dir):
    problems = {path: found for path, visit in site_pages.items() if (found := math_problems(visit.math))}
    assert problems == {}
    formulas = sum(visit.math["nodes"] for visit in site_pages.values())
    assert formulas > 20                                        # 수식을 정말 찾았다
    assert (site_dir / "_static" / "mathjax" / "LICENSE").is_file()
    print(f"\n수식 {formulas}개가 {sum(bool(v.math['nodes']) for v in site_pages.values())}쪽에서 그려졌다")


def test_a_chapter_with_a_broken_formula_fails_the_math_check(browser, tmp_path):
    """같은 설정과 확장으로 빌드한 작은 책: 없는 명령, 닫히지 않은 괄호, 수식 구분자 밖의 TeX를 모두 잡는다."""
    from mini_book import mini_book
    book = mini_book(tmp_path, {
        "good": "# 좋은 수식\n\n평균 $\\mu_c$와\n\n$$\n\\hat{x}_c = \\frac{x_c - \\mu_c}{\\sigma_c}\n$$\n",
        "broken": "# 깨진 수식\n\n없는 명령 $\\mathbf{x} \\foo$, 남는 닫는 괄호 $x^{2}}$, "
                  "닫히지 않은 괄호 $\\frac{1}{2$.\n\n수식 노드 밖의 TeX \\\\(x^2\\\\).\n",
    })
    result = build_book(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    context, blocked = offline_context(browser, DESKTOP)
    with serve(book / "_build" / "html") as url:
        found = {}
        for name in ("good", "broken"):
            page, errors = open_page(context, blocked, f"{url}book/{name}.html")
            found[name] = page.evaluate(READ_MATH)
            assert errors == []
    context.close()
    assert found["good"]["nodes"] == 2 and math_problems(found["good"]) == {}
    broken = math_problems(found["broken"])
    assert any("Undefined control sequence \\foo" in error for error in broken["errors"]), broken
    assert any("Extra close brace" in error for error in broken["errors"]), broken
    # MathJax는 닫히지 않은 괄호 뒤의 \) 를 찾지 못해 그 수식을 그리지 않고 날 TeX로 둔다
    assert broken["rendered"] == "수식 노드 3개 중 2개만 그려짐 (mjx-container 2)", broken
    assert broken["raw TeX"] == ["\\(\\frac{1}{2\\)", "\\(x^2\\)."], broken


# ---------------------------------------------------------------- 접근성

def test_axe_reports_violations_on_a_page_built_to_fail(browser, tmp_path):
    """검사 방법 자체의 시험: axe가 정말 돌고, 그 결과를 읽는 방법이 위반을 놓치지 않는다."""
    (tmp_path / "page.html").write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>'
                                        '<body><img src="x.png"><table><tr><th></th></tr></table></body></html>',
                                        encoding="utf-8")
    context, blocked = offline_context(browser, DESKTOP)
    with serve(tmp_path) as url:
        page, _ = open_page(context, blocked, url + "page.html")
        rules = {violation["rule"] for violation in axe_violations(Axe(), page)}
    context.close()
    assert {"image-alt", "empty-table-header", "html-has-lang", "region"} <= rules


def test_axe_finds_no_accessibility_violations_on_any_page(site_pages):
    violations = {path: visit.violations for path, visit in site_pages.items() if visit.violations}
    assert violations == {}
    seconds = [visit.axe_seconds for visit in site_pages.values()]
    print(f"\naxe: {len(seconds)}쪽, 쪽마다 평균 {sum(seconds) / len(seconds):.2f}초 (가장 긴 쪽 {max(seconds):.2f}초)")


def test_every_figure_in_the_book_has_a_meaningful_alt_text(site_pages):
    missing = [f"{path}: {image['src']} (alt={image['alt']!r})" for path, visit in site_pages.items()
               for image in visit.images if not meaningful_alt(image["alt"], image["src"] or "")]
    assert missing == []
    assert sum(len(visit.images) for visit in site_pages.values()) >= 10     # 장들의 그림을 정말 보았다


# ---------------------------------------------------------------- 코드 폭

def test_code_cells_and_outputs_are_not_cut_off_at_1280_px(site_pages):
    """출력은 CSS가 감싼다(accessible.css). 입력 코드는 한 줄 80칸 이하로 쓴다: 한글 한 글자는 두 칸을 차지한다."""
    clipped = {path: visit.clipped for path, visit in site_pages.items() if visit.clipped}
    assert clipped == {}, "1280 px 화면에서 잘리는 코드: 줄을 나누세요 (lines wider than 80 columns)"


# ---------------------------------------------------------------- 이 책의 결과

READ_RESULTS = """() => [...document.querySelectorAll('table.ailib-results tbody tr')].map(row => ({
  href: new URL(row.querySelector('a').href).pathname, standin: row.classList.contains('ailib-standin-row'),
  cells: [...row.cells].map(cell => cell.innerText.trim())}))"""


def test_the_results_page_lists_what_results_json_holds_and_marks_stand_ins(browser, site_dir, site_url):
    record = json.loads((site_dir / "results.json").read_text(encoding="utf-8"))
    context, blocked = offline_context(browser, DESKTOP)
    page, errors = open_page(context, blocked, site_url + "book/results.html")
    rows = page.evaluate(READ_RESULTS)
    context.close()
    assert errors == [] and len(rows) == len(record["results"]) > 0
    for row, result in zip(rows, record["results"]):
        assert row["href"].endswith(f"/{result['chapter']}.html"), (row, result["chapter"])
        assert row["cells"][2] == results_page.format_value(result["value"], result["unit"])
        assert row["standin"] == result["standin"] == row["cells"][6].startswith(results_page.STANDIN_MARK)
        assert row["cells"][7].startswith(f"{result['budget']}, {result['device']}, ")
        assert result["commit"] == record["commit"]
    registering = {chapter for chapter in toc_chapters(ROOT)
                   if "record_result(" in (ROOT / f"{chapter}.md").read_text(encoding="utf-8")}
    assert {result["chapter"] for result in record["results"]} == registering
