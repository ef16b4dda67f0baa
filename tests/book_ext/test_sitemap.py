"""sitemap.xml(book/_ext/site_meta.py): 바뀐 쪽만 다시 쓰는 빌드 뒤에도 책의 모든 쪽을 한 번씩 적는다 (issue 24의 9)."""
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, build_book
from mini_book import HEADER, mini_book

pytestmark = pytest.mark.book

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_pages(book) -> list[str]:
    base = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["baseurl"]
    root = ET.parse(book / "_build" / "html" / "sitemap.xml").getroot()
    return [loc.text.removeprefix(base) for loc in root.iter(SITEMAP + "loc")]


def test_the_sitemap_lists_every_page_after_an_edit_and_rebuild(tmp_path):
    pages = {"glossary": "# 용어집\n\n용어 하나.\n", "chapter": "# 장\n\n첫 글.\n", "notes": "# 덧붙임\n\n글.\n"}
    book = mini_book(tmp_path, pages)
    every = sorted(["book/index.html", *(f"book/{name}.html" for name in pages)])
    first = build_book(book)
    assert first.returncode == 0, (first.stdout + first.stderr)[-3000:]
    assert sorted(sitemap_pages(book)) == every
    (book / "book" / "chapter.md").write_text(HEADER + "# 장\n\n고친 글.\n", encoding="utf-8")
    second = build_book(book)
    assert second.returncode == 0, (second.stdout + second.stderr)[-3000:]
    assert "고친 글" in (book / "_build" / "html" / "book" / "chapter.html").read_text(encoding="utf-8")
    assert sitemap_pages(book) == every                    # 한 번씩, 주소 순서로
