"""검색 엔진과 링크 공유 시험: 빌드한 HTML의 sitemap.xml, robots.txt, OpenGraph/Twitter 카드 태그.

- sitemap.xml에는 책의 모든 문서 쪽이 책 주소(html.baseurl)로 한 번씩 있고, 각 주소는 빌드한 파일을 가리킨다.
- 모든 문서 쪽에 og:title·og:description·og:url·og:image와 twitter:card가 있고, og:image는 빌드한 사이트에
  정말 있는 1200×630 PNG다.
"""
import json
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.book

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="session")
def base_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["html"]["baseurl"]


@pytest.fixture(scope="session")
def documents(site_dir: Path) -> list[str]:
    index = (site_dir / "searchindex.js").read_text(encoding="utf-8")
    return sorted(f"{name}.html" for name in json.loads(index[len("Search.setIndex("):-1])["docnames"])


class MetaTags(HTMLParser):
    """<head>의 <meta property|name=... content=...>와 <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, list[str]] = {}
        self.title, self._in_title = "", False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        key = attributes.get("property") or attributes.get("name")
        if tag == "meta" and key and "content" in attributes:
            self.tags.setdefault(key, []).append(attributes["content"])
        self._in_title = tag == "title"

    def handle_data(self, data) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag) -> None:
        self._in_title = False


def meta_tags(page: Path) -> MetaTags:
    parser = MetaTags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_sitemap_lists_every_page_of_the_book_once_at_the_book_address(site_dir, base_url, documents):
    urls = [loc.text for loc in ET.parse(site_dir / "sitemap.xml").getroot().iter(SITEMAP + "loc")]
    assert len(urls) == len(set(urls))
    assert all(url.startswith(base_url) for url in urls), urls
    pages = sorted(url.removeprefix(base_url) for url in urls)
    assert all((site_dir / page).is_file() for page in pages), pages
    assert set(documents) <= set(pages)
    assert not {"search.html", "genindex.html"} & set(pages)
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base_url}sitemap.xml" in robots


def test_every_page_has_opengraph_and_twitter_card_tags_with_a_preview_image(site_dir, base_url, documents):
    images = set()
    for page in documents:
        found = meta_tags(site_dir / page)
        tags = {key: values[0] for key, values in found.tags.items()}
        assert all(len(values) == 1 for key, values in found.tags.items() if key.startswith(("og:", "twitter:")))
        assert tags["og:title"] and tags["og:title"] in found.title, (page, tags.get("og:title"), found.title)
        assert len(tags.get("og:description", "")) >= 20, (page, tags.get("og:description"))
        assert tags.get("description") == tags["og:description"]          # 검색 결과에 보이는 설명
        assert tags["og:url"] == base_url + page
        assert tags["og:site_name"] == "AI-Library"
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["og:image:alt"]
        assert tags["og:image"].startswith(base_url)
        images.add(tags["og:image"].removeprefix(base_url))
    assert len(images) == 1
    preview = site_dir / images.pop()
    assert preview.is_file(), preview
    assert png_size(preview) == (1200, 630)
