"""2~3주차 장의 원고(MyST)를 읽기만 하는 빠른 시험: 손으로 적은 결과 숫자가 없고, glue로 가져온 숫자는
모두 실행 셀이 만들며, 학습 목표·그림 설명(대체 텍스트)·코드 줄 길이의 약속을 지킨다."""
import re
from pathlib import Path

import jupytext
import pytest
from conftest import ROOT

BOOK = ROOT / "book"
CHAPTERS = sorted([*BOOK.glob("week2/*.md"), *BOOK.glob("week3/*.md")])
PLOT_CALL = re.compile(r"plt\.show\(\)|\.plot\(|show_images\(|plot_\w+\(|compare_histories\(|show_predictions\(")
# 이 책이 예전에 손으로 적었던, 실행마다(또는 대체 데이터에서) 달라지는 결과 숫자들 (issue 17).
HAND_TYPED = ["7만 장", "1만 장만", "5000장", "5,000장", "8.25", "8.66", "1,500만", "1,470만", "2천여 장",
              "1억 3,800만", "1억 2천만", "몇십 분의 일"]


def cells(path: Path):
    """(코드 셀 목록, 마크다운 글자)."""
    notebook = jupytext.read(path)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    prose = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    return code, "\n".join(prose)


def glue_pattern(name_expression: str) -> re.Pattern:
    """glue("a_b", …) 또는 glue(f"a_{x}", …)의 이름을 정규식으로: f-문자열의 {…}는 아무 글자."""
    parts = re.split(r"\{[^}]*\}", name_expression)
    return re.compile("^" + r"[\w.+-]+".join(re.escape(part) for part in parts) + "$")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_glued_number_in_the_prose_is_made_by_a_cell(path):
    code, prose = cells(path)
    source = "\n".join(cell.source for cell in code)
    made = [glue_pattern(name) for name in re.findall(r"""glue\(\s*f?["']([^"']+)["']""", source)]
    made += [glue_pattern(name) for name in re.findall(r"""for name, \w+ in \(\(["']([^"']+)["']""", source)]
    made += [glue_pattern(name) for name in re.findall(r"""\(\(?["'](\w+)["'], [\de.-]+\)""", source)]
    used = re.findall(r"\{glue:text\}`([^`:]+)", prose)
    if ".fit(" in source:   # 학습하는 장은 결과 숫자를 glue로 가져온다
        assert used, f"{path.name}: 실행 결과 숫자를 glue로 가져오는 곳이 없습니다 (no glued numbers)"
    missing = [name for name in used if not any(p.match(name) for p in made)]
    assert not missing, f"{path.name}: 이 이름들을 glue하는 셀이 없습니다 (not glued): {missing}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_hand_typed_result_numbers(path):
    _, prose = cells(path)
    prose = re.sub(r"```.*?```", "", prose, flags=re.S)     # 실행하지 않는 코드 조각은 빼고 본다
    found = [pattern for pattern in HAND_TYPED if pattern in prose]
    assert not found, f"{path.name}: 손으로 적은 결과 숫자 {found} — glue로 가져오세요 (use glue)"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_learning_goals_figures_and_code_width(path):
    code, prose = cells(path)
    assert ":::{admonition} 학습 목표" in prose and "**전제**" in prose, f"{path.name}: 학습 목표 상자 (goals box)"
    for cell in code:
        if PLOT_CALL.search(cell.source) and "savefig" not in cell.source:
            figure = cell.metadata.get("mystnb", {})
            caption = figure.get("figure", {}).get("caption", "")
            name = figure.get("figure", {}).get("name", "")
            alt = figure.get("image", {}).get("alt", "")
            assert caption and name.startswith("fig-") and len(alt) >= 20, (
                f"{path.name}: 그림 셀에 caption, name, 설명하는 alt가 필요합니다 (figure metadata):\n"
                f"{cell.source[:200]}")
        long = [line for line in cell.source.splitlines() if len(line) > 80]
        assert not long, f"{path.name}: 80자가 넘는 코드 줄 (code lines > 80): {long}"


def test_figure_names_are_unique_across_weeks_2_and_3():
    names = [cell.metadata["mystnb"]["figure"]["name"] for path in CHAPTERS for cell in cells(path)[0]
             if "figure" in cell.metadata.get("mystnb", {})]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
