"""benchmarks/book_build.py: 모듈 하나를 고치면 다시 실행될 장들(users_of)은 그 모듈을 정말 쓰는 장뿐이다."""
import shutil

import book_build  # benchmarks/book_build.py
from mini_book import page


def test_users_of_a_module_are_the_chapters_that_import_it(tmp_path):
    book = tmp_path / "clone"
    shutil.copytree(book_build.ROOT / "book" / "_ext", book / "book" / "_ext")
    package = book / "ailib"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "metrics.py").write_text("VERSION = 1\n")
    (package / "plotting.py").write_text("from ailib import metrics\n")
    (package / "vocab.py").write_text("WORDS = []\n")
    chapters = {"book/a.md": "from ailib.plotting import show_images",
                "book/b.md": "from ailib import vocab\nprint(vocab.WORDS)",
                "book/c.md": "import math\nprint(math.pi)"}
    for name, code in chapters.items():
        (book / name).write_text(page(code), encoding="utf-8")
    assert book_build.users_of("ailib/metrics.py", book, sorted(chapters)) == ["book/a.md"]
    assert book_build.users_of("ailib/vocab.py", book, sorted(chapters)) == ["book/b.md"]
    assert book_build.users_of("ailib/__init__.py", book, sorted(chapters)) == ["book/a.md", "book/b.md"]
