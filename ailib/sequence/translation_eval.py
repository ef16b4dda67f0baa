"""번역 평가: sacrebleu의 BLEU·chrF, 서명(signature), 짝지은 부트스트랩(paired bootstrap) 검정.

두 번역기를 같은 평가 문장에서 비교할 때, 점수 차이가 평가 문장을 다시 뽑아도 남는 차이인지를 sacrebleu의
짝지은 부트스트랩으로 검정한다 (Koehn, 2004; sacrebleu의 `--paired-bs`와 같은 계산). 영어 번역문의 BLEU는
sacrebleu의 기본이자 표준인 `13a` 토큰화로 잰다. 점수마다 서명을 함께 내어 같은 설정으로 다시 잴 수 있게 한다.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.significance import PairedTest

ALPHA = 0.05  # 유의 수준


def metrics() -> dict[str, BLEU | CHRF]:
    """이 책의 번역 지표: BLEU(영어 표준 토큰화 13a)와 chrF(글자 6-그램, 단어 n-그램 없음)."""
    return {"BLEU": BLEU(tokenize="13a"), "chrF": CHRF()}


def _check(references: Sequence[str], systems: Mapping[str, Sequence[str]]) -> None:
    if not references:
        raise ValueError("평가 문장이 없습니다. (No references to score against.)")
    for name, hypotheses in systems.items():
        if len(hypotheses) != len(references):
            raise ValueError(
                f"{name}의 번역문 {len(hypotheses)}개와 정답 {len(references)}개의 수가 다릅니다. "
                f"평가 문장마다 번역문이 하나씩 있어야 합니다. "
                f"({name} has {len(hypotheses)} hypotheses for {len(references)} references.)"
            )


def corpus_scores(references: Sequence[str], systems: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """번역기마다 BLEU와 chrF (행: 번역기, 열: 지표). 서명은 `signatures()`."""
    _check(references, systems)
    return pd.DataFrame({
        metric_name: {name: metric.corpus_score(list(hyps), [list(references)]).score
                      for name, hyps in systems.items()}
        for metric_name, metric in metrics().items()
    })


def paired_bootstrap(references: Sequence[str], baseline: Sequence[str], system: Sequence[str],
                     n_samples: int = 1000) -> tuple[pd.DataFrame, dict[str, str]]:
    """system과 baseline의 짝지은 부트스트랩 검정. (지표별 표, 지표별 서명).

    표의 열: baseline, system (점수), difference (system - baseline), p_value (양쪽 검정),
    ci95 (system 점수의 95% 구간 반폭). 씨앗은 sacrebleu의 기본값(12345)이라 늘 같은 결과가 나온다.
    """
    _check(references, {"baseline": baseline, "system": system})
    if n_samples < 1:
        raise ValueError(f"n_samples는 1 이상이어야 합니다: {n_samples} (n_samples must be >= 1)")
    test = PairedTest([("baseline", list(baseline)), ("system", list(system))], metrics(),
                      [list(references)], test_type="bs", n_samples=n_samples)
    signatures, results = test()
    rows = {}
    for name in metrics():
        key = next(k for k in results if k.startswith(name))   # sacrebleu는 chrF를 'chrF2'로 부른다
        base, sys = results[key]
        rows[name] = {"baseline": base.score, "system": sys.score,
                      "difference": sys.score - base.score, "p_value": sys.p_value, "ci95": sys.ci}
    named = {name: str(signatures[next(k for k in signatures if k.startswith(name))]) for name in metrics()}
    return pd.DataFrame(rows).T, named


def verdict(difference: float, p_value: float, alpha: float = ALPHA) -> str:
    """검정 결과 한 단어: 'win'(유의하게 높다), 'loss'(유의하게 낮다), 'tie'(차이가 잡음 안).

    번역이 똑같으면 sacrebleu의 p값은 가장 작은 값(1 / (n_samples + 1))이 되므로, 차이 0은 따로 무승부로 본다.
    """
    if p_value >= alpha or difference == 0:
        return "tie"
    return "win" if difference > 0 else "loss"


def _bucket_names(edges: Sequence[int], unit: str) -> list[str]:
    if not edges or list(edges) != sorted(set(edges)) or edges[0] < 1:
        raise ValueError(f"edges는 1 이상으로 커지는 수여야 합니다: {edges} (edges must be increasing, >= 1)")
    bounds = [0, *edges]
    names = [f"{low + 1}–{high}{unit}" for low, high in zip(bounds, bounds[1:])]
    return [*names, f"{edges[-1] + 1}{unit} 이상"]


def length_labels(lengths: Sequence[int], edges: Sequence[int], unit: str = "") -> list[str]:
    """길이마다 구간 이름. edges=(10, 20), unit='음절'이면 '1–10음절', '11–20음절', '21음절 이상'."""
    names = _bucket_names(edges, unit)
    return [names[sum(n > edge for edge in edges)] for n in lengths]


def bucket_bootstrap(references: Sequence[str], baseline: Sequence[str], system: Sequence[str],
                     lengths: Sequence[int], edges: Sequence[int], unit: str = "",
                     n_samples: int = 1000) -> pd.DataFrame:
    """원문 길이 구간마다 paired_bootstrap. 행: (구간, 지표), 열: paired_bootstrap의 열과 sentences(문장 수)."""
    if len(lengths) != len(references):
        raise ValueError("lengths와 references의 수가 다릅니다. (lengths and references differ in number.)")
    labels = length_labels(lengths, edges, unit)
    tables = {}
    for name in _bucket_names(edges, unit):
        chosen = [i for i, label in enumerate(labels) if label == name]
        if chosen:
            table, _ = paired_bootstrap([references[i] for i in chosen], [baseline[i] for i in chosen],
                                        [system[i] for i in chosen], n_samples)
            tables[name] = table.assign(sentences=len(chosen))
    return pd.concat(tables, names=["bucket", "metric"])
