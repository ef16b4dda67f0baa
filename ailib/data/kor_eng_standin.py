"""영어–한국어 대체 문장 쌍: 이 책이 만든 작은 문법에서 씨앗을 고정해 뽑은 문장 (Tatoeba 문장이 아니다).

실제 데이터(Tatoeba)를 구할 수 없을 때 번역 장과 글 생성 장이 쓴다. 한 문장은 [때] 주어 [함께 한 사람]
[장소] 목적어 [부정] 동사로 이루어지고, 한국어와 영어를 같은 선택에서 함께 만든다. 두 언어는 어순이 달라
(한국어: 장소 → 목적어 → 동사, 영어: 동사 → 목적어 → 장소) 번역에는 어순 바꾸기가 필요하고, 문장 앞의 때
(`어제`, `내일`)가 문장 끝의 동사 시제를 정하므로 언어 모델은 먼 앞을 보아야 어미를 맞힌다. 조사는 앞 글자의
받침에 맞춰 고른다 (`톰은`, `메리는`, `책을`, `사과를`).
"""
from __future__ import annotations

import numpy as np

ATTRIBUTION = "AI-Library가 작은 문법에서 만든 대체 예문 (not from Tatoeba)"

PRESENT, PAST, FUTURE = range(3)
# (한국어, 영어, 3인칭 단수인가)
_SUBJECTS = (
    ("나", "I", False), ("너", "you", False), ("그", "he", True), ("그녀", "she", True),
    ("우리", "we", False), ("그들", "they", False), ("톰", "Tom", True), ("메리", "Mary", True),
    ("선생님", "the teacher", True), ("내 친구", "my friend", True),
)
# (한국어, 영어, 시제)
_TIMES = (
    ("어제", "yesterday", PAST), ("지난주에", "last week", PAST), ("내일", "tomorrow", FUTURE),
    ("다음 주에", "next week", FUTURE), ("매일", "every day", PRESENT), ("주말마다", "on weekends", PRESENT),
)
_COMPANIONS = (("톰", "Tom"), ("메리", "Mary"), ("엄마", "my mother"), ("동생", "my brother"))
_PLACES = (
    ("학교", "at school"), ("공원", "in the park"), ("집", "at home"), ("도서관", "in the library"),
    ("카페", "at the cafe"), ("부엌", "in the kitchen"), ("교실", "in the classroom"), ("역", "at the station"),
)
# (목적어, 영어 목적어, 한국어 현재·과거·미래, 영어 원형·3인칭 단수·과거)
_ACTIONS = (
    ("사과", "an apple", ("먹어", "먹었어", "먹을 거야"), ("eat", "eats", "ate")),
    ("빵", "bread", ("먹어", "먹었어", "먹을 거야"), ("eat", "eats", "ate")),
    ("책", "a book", ("읽어", "읽었어", "읽을 거야"), ("read", "reads", "read")),
    ("신문", "the newspaper", ("읽어", "읽었어", "읽을 거야"), ("read", "reads", "read")),
    ("편지", "a letter", ("써", "썼어", "쓸 거야"), ("write", "writes", "wrote")),
    ("물", "water", ("마셔", "마셨어", "마실 거야"), ("drink", "drinks", "drank")),
    ("커피", "coffee", ("마셔", "마셨어", "마실 거야"), ("drink", "drinks", "drank")),
    ("음악", "music", ("들어", "들었어", "들을 거야"), ("listen to", "listens to", "listened to")),
    ("영화", "a movie", ("봐", "봤어", "볼 거야"), ("watch", "watches", "watched")),
    ("축구", "soccer", ("해", "했어", "할 거야"), ("play", "plays", "played")),
    ("숙제", "homework", ("해", "했어", "할 거야"), ("do", "does", "did")),
    ("노래", "a song", ("불러", "불렀어", "부를 거야"), ("sing", "sings", "sang")),
    ("자전거", "a bike", ("타", "탔어", "탈 거야"), ("ride", "rides", "rode")),
    ("선물", "a gift", ("사", "샀어", "살 거야"), ("buy", "buys", "bought")),
    ("사진", "a photo", ("찍어", "찍었어", "찍을 거야"), ("take", "takes", "took")),
    ("피아노", "the piano", ("쳐", "쳤어", "칠 거야"), ("play", "plays", "played")),
)


def has_final_consonant(word: str) -> bool:
    """마지막 한글 음절에 받침이 있는가: '책' → True, '사과' → False."""
    code = ord(word[-1]) - 0xAC00
    if not 0 <= code < 11172:
        raise ValueError(f"한글 음절로 끝나야 합니다: {word!r} (word must end in a Hangul syllable)")
    return code % 28 != 0


def particle(word: str, with_final: str, without_final: str) -> str:
    """받침에 맞는 조사를 붙인다: particle('책', '을', '를') → '책을'."""
    return word + (with_final if has_final_consonant(word) else without_final)


def _english_verb(forms: tuple[str, str, str], tense: int, third_person: bool, negative: bool) -> str:
    base, singular, past = forms
    if tense == FUTURE:
        return ("won't " if negative else "will ") + base
    if tense == PAST:
        return f"didn't {base}" if negative else past
    if negative:
        return f"{'doesn' if third_person else 'don'}'t {base}"
    return singular if third_person else base


def grammar_pair(rng: np.random.Generator) -> tuple[str, str]:
    """문법에서 (영어, 한국어) 한 쌍을 뽑는다."""
    subject_ko, subject_en, third_person = _SUBJECTS[rng.integers(len(_SUBJECTS))]
    object_ko, object_en, verbs_ko, verbs_en = _ACTIONS[rng.integers(len(_ACTIONS))]
    time = _TIMES[rng.integers(len(_TIMES))] if rng.random() < 0.6 else None
    tense = time[2] if time else int(rng.integers(3))
    negative = bool(rng.random() < 0.3)
    korean, english = [], []
    if time:
        korean.append(time[0])
        english.append(time[1])
    korean.append(particle(subject_ko, "은", "는"))
    english += [subject_en, _english_verb(verbs_en, tense, third_person, negative), object_en]
    if rng.random() < 0.3:
        others = [c for c in _COMPANIONS if c[1] != subject_en]   # "톰은 톰과 함께"는 뺀다
        companion_ko, companion_en = others[rng.integers(len(others))]
        korean += [particle(companion_ko, "과", "와"), "함께"]
        english.append(f"with {companion_en}")
    if rng.random() < 0.5:
        place_ko, place_en = _PLACES[rng.integers(len(_PLACES))]
        korean.append(place_ko + "에서")
        english.append(place_en)
    korean.append(particle(object_ko, "을", "를"))
    korean += ["안", verbs_ko[tense]] if negative else [verbs_ko[tense]]
    sentence = " ".join(english)
    return sentence[0].upper() + sentence[1:] + ".", " ".join(korean) + "."


def grammar_pairs(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """서로 다른 (영어, 한국어) 쌍 count개 (씨앗이 같으면 늘 같은 쌍)."""
    rng = np.random.default_rng(seed)
    pairs: dict[tuple[str, str], None] = {}
    while len(pairs) < count:
        pairs[grammar_pair(rng)] = None
    return list(pairs)
