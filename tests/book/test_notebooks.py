"""내려받기·Colab용 노트북 시험: 모든 장이 깨끗한 노트북이 되고, 짧은 장 하나는 처음부터 끝까지 실행된다."""
import jupytext
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from conftest import ROOT
import colab_notebooks as notebooks  # book/_ext/colab_notebooks.py

REPOSITORY = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
SHORT_CHAPTER = "book/week2/ann-basics"


CHAPTERS = notebooks.book_chapters(ROOT)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory):
    """목차의 모든 장을 한 번 노트북으로 만든 폴더."""
    out = tmp_path_factory.mktemp("notebooks")
    notebooks.write_all(out)
    return out


@pytest.fixture(scope="module")
def generated(out_dir):
    """{문서 이름: 만든 노트북 경로}."""
    return {name: out_dir / f"{name}.ipynb" for name in CHAPTERS}


def test_every_chapter_with_code_becomes_a_notebook(generated):
    assert SHORT_CHAPTER in generated
    assert "book/glossary" not in generated             # 코드가 없는 글은 노트북이 아니다
    for name, path in generated.items():
        assert path.is_file(), name


def test_each_notebook_is_valid_clean_and_starts_with_the_colab_install_cell(generated):
    for name, path in generated.items():
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "python3"
        assert "jupytext" not in nb.metadata
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.outputs == [] and c.execution_count is None for c in code), name
        first = nb.cells[0]
        assert first.cell_type == "code" and notebooks.INSTALL_TAG in first.metadata.tags
        assert 'if "google.colab" in sys.modules:' in first.source
        assert f'%pip install -q "ailib @ git+{REPOSITORY}"' in first.source
        source = jupytext.read(CHAPTERS[name])                # 원고의 셀이 순서대로 그대로 들어 있다
        assert [c.source for c in nb.cells[1:]] == [c.source for c in source.cells]
        assert [c.id for c in nb.cells] == [f"cell-{i:03d}" for i in range(len(nb.cells))]


def test_generation_is_repeatable(generated, tmp_path):
    notebooks.write_all(tmp_path)
    for name, path in generated.items():
        assert (tmp_path / f"{name}.ipynb").read_bytes() == path.read_bytes(), name
    assert not list(tmp_path.rglob("*.part"))                 # 반쯤 쓴 파일이 남지 않는다


def test_the_branch_readme_links_every_chapter_to_colab(out_dir):
    readme = (out_dir / "README.md").read_text(encoding="utf-8")
    for name in CHAPTERS:
        assert notebooks.colab_url("https://colab.research.google.com", REPOSITORY, name) in readme


def test_colab_url_points_at_the_notebooks_branch():
    assert notebooks.colab_url("https://colab.research.google.com/", "https://github.com/org/repo/",
                               "book/week2/ann-basics") == (
        "https://colab.research.google.com/github/org/repo/blob/notebooks/book/week2/ann-basics.ipynb")


def test_the_short_chapter_notebook_runs_top_to_bottom(generated, monkeypatch, tmp_path):
    """quick 예산과 대체 데이터(AILIB_OFFLINE=1)로, 받은 노트북을 그대로 실행한다 (Colab 설치 셀은 건너뛴다)."""
    monkeypatch.setenv("AILIB_PROFILE", "quick")
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    nb = nbformat.read(generated[SHORT_CHAPTER], as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0].outputs == []                              # Colab이 아니므로 설치하지 않았다
    assert all(c.execution_count is not None for c in code)
    streams = [o for c in code for o in c.outputs if o.output_type == "stream"]
    assert not [o.text for o in streams if o.name == "stderr"]
    text = "".join(o.text for o in streams)
    assert "실행 예산(budget): quick" in text
    assert any("image/png" in o.get("data", {}) for c in code for o in c.outputs)


@pytest.mark.book
def test_the_site_serves_the_notebooks_and_points_colab_at_them(built_book):
    """진짜 책: 장마다 _notebooks/에 노트북이 있고, 단추가 그것(과 notebooks 가지)을 가리킨다."""
    for name in CHAPTERS:
        served = built_book / notebooks.OUTPUT_FOLDER / f"{name}.ipynb"
        nbformat.validate(nbformat.read(served, as_version=4))
        page = (built_book / f"{name}.html").read_text(encoding="utf-8")
        depth = "../" * name.count("/")
        assert f'href="{depth}{notebooks.OUTPUT_FOLDER}/{name}.ipynb"' in page
        assert notebooks.colab_url("https://colab.research.google.com", REPOSITORY, name) in page
        assert "mybinder.org/v2/gh/" in page and f"urlpath=lab/tree/{name}.md" in page
