"""5주차 장의 원고(MyST)를 읽기만 하는 빠른 시험: 강의 노트의 순서, 노트의 오타 표시, 판정 문장은 glue,
재지 않은 목표 숫자는 없음, 숨은 측정 도구는 본문에 보인다 (issue 22)."""
import re

import jupytext
import pytest
from conftest import ROOT

WEEK5 = ROOT / "book" / "week5"
CHAPTERS = sorted(WEEK5.glob("*.md"))


def headings(path) -> list[str]:
    return re.findall(r"^## (.+)$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)


def position(titles: list[str], start: str) -> int:
    return next(i for i, title in enumerate(titles) if title.startswith(start))


def test_rnn_io_sections_follow_the_notes_order():
    titles = headings(WEEK5 / "rnn-io.md")
    order = [position(titles, name) for name in ("일 대 다", "다 대 일", "다 대 다")]
    assert order == sorted(order)
    text = (WEEK5 / "rnn-io.md").read_text(encoding="utf-8")
    assert "실수" not in text                      # 노트의 영어 이름은 중립적으로 바로잡는다


def test_rnn_basics_puts_uses_and_limits_before_the_figures_and_nn_rnn():
    titles = headings(WEEK5 / "rnn-basics.md")
    uses = position(titles, "RNN의 쓰임과 한계")
    assert position(titles, '"나는, 너를, 좋아해"') < uses < position(titles, "그림으로 보기")
    assert uses < position(titles, "같은 숫자를 `nn.RNN`으로")


def test_long_term_dependency_numbers_the_notes_steps_from_one_and_shows_its_probe():
    titles = headings(WEEK5 / "long-term-dependency.md")
    numbered = [title.split(".")[0] for title in titles if re.match(r"\d", title)]
    assert numbered == ["1", "2", "3·4"]
    text = (WEEK5 / "long-term-dependency.md").read_text(encoding="utf-8")
    assert ":pyobject: gradient_per_step" in text
    assert "오래된 관례" not in text and "{cite}`jozefowicz2015empirical`" in text
    assert "한 번의 행렬 곱" not in text


def test_netflix_flags_the_notes_31_day_window():
    text = (WEEK5 / "netflix.md").read_text(encoding="utf-8")
    assert "$N-31$번째 날 ~ $N-1$번째 날" in text and "31일" in text
    assert "$N-30$번째 날 ~ $N-1$번째 날 → $N$번째 날" in text


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_unmeasured_targets_and_alt_texts_claim_no_outcome(path):
    notebook = jupytext.read(path)
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert "목표는" not in prose and "배치 32개씩" not in prose
    alts = [cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "") for cell in notebook.cells]
    claims = [alt for alt in alts if re.search(r"높게 남는다|줄어든다|떨어진다|떨어지고|완만", alt)]
    assert not claims, f"{path.stem}: 결과에 따라 달라지는 그림 설명 (outcome claims in alt text): {claims}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_glued_name_in_the_prose_is_glued_by_a_cell(path):
    notebook = jupytext.read(path)
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    made = [re.compile("^" + r"[\w.+-]+".join(map(re.escape, re.split(r"\{[^}]*\}", name))) + "$")
            for name in re.findall(r"""glue\(\s*f?["']([^"']+)["']""", source)]
    made += [re.compile(re.escape(f"nflx-{name}") + "$")
             for name in re.findall(r"""\(["']([\w-]+)["'], [\w\[\]".()-]+\)""", source)]
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    missing = [name for name in re.findall(r"\{glue:text\}`([^`:]+)", prose)
               if not any(pattern.match(name) for pattern in made)]
    assert not missing, f"{path.stem}: {missing}"
