"""책 사이트 브라우저 시험: 빌드한 HTML을 headless Chromium(Debian의 chromium, Playwright로 조종)으로 연다.

- 모든 쪽이 콘솔 오류 없이 열리고, 책 안의 그림·링크·앵커가 깨지지 않았다.
- 검색창이 한국어 낱말(두 음절 조각)과 코드 낱말로 그 낱말이 나오는 쪽을 모두 찾고, 엉터리 낱말로는 아무것도 찾지 않는다.
- 본문·제목·코드의 한글이 한글 글꼴로 그려진다. 화면은 _build/screenshots/에 남긴다.
- 실행(Binder/Colab)·내려받기·저장소 단추가 있고 제 곳을 가리킨다.
- 좁은(휴대폰) 화면에서 본문이 가로로 넘치지 않는다.

이 컴퓨터는 인터넷에 닿지 않는다. 127.0.0.1 밖으로 가는 요청(MathJax CDN 등)은 막고, 막은 요청 때문에 생긴
콘솔 오류만 무시한다. 책 자신의 파일에서 난 오류는 모두 실패다.
개발할 때는 AILIB_SITE_DIR=<빌드한 html 폴더>로 이미 빌드한 책을 시험할 수 있다(기본은 built_book).
"""
import json
import re
import sys
import threading
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
from conftest import ROOT
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from korean_search import SearchKorean  # noqa: E402

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
  };
}"""


def page_paths(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")
                  if p.relative_to(site_dir).parts[0] not in NOT_PAGES)


@pytest.fixture(scope="session")
def site_pages(browser, site_dir, site_url) -> dict[str, PageVisit]:
    """책의 모든 쪽을 데스크톱 화면으로 한 번씩 열어 본 결과."""
    context, blocked = offline_context(browser, DESKTOP)
    visits = {}
    for path in page_paths(site_dir):
        page, errors = open_page(context, blocked, site_url + path)
        found = page.evaluate(READ_PAGE)
        redirected = site_path(page.url) != path          # index.html은 첫 장으로 넘어간다
        page.close()
        visits[path] = PageVisit(errors, found["broken"], found["links"], set(found["ids"]),
                                 "" if redirected else " ".join(found["text"].split()), found["notebook"])
    context.close()
    return visits


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
