/*
 * 한국어 검색어 쪼개기 (Korean query splitter) — book/_ext/korean_search.py의 hangul_pieces와 똑같이 자른다.
 * Sphinx가 language_data.js에 넣어 searchtools.js의 기본 splitQuery를 바꾼다.
 * 한글 낱말은 겹치는 두 음절 조각(bigram)으로: "행렬은" → ["행렬", "렬은"]. 한 음절 낱말은 그대로.
 * 영어·코드 낱말은 그대로 둔다: "CrossEntropyLoss로" → ["CrossEntropyLoss"].
 */
var splitQuery = (() => {
  const runs = /[\uAC00-\uD7A3]+|[^\uAC00-\uD7A3]+/gu;  // 한글 음절 덩어리와 그 밖의 덩어리
  const isHangul = (text) => /^[\uAC00-\uD7A3]/u.test(text);
  const hasLetterOrNumber = /[\p{Letter}\p{Number}]/u;

  const hangulPieces = (word) => {
    if (word.length === 1 && isHangul(word)) return [word];
    const pieces = [];
    for (const run of word.match(runs)) {
      if (isHangul(run)) {
        for (let i = 0; i + 1 < run.length; i++) pieces.push(run.slice(i, i + 2));
      } else if (hasLetterOrNumber.test(run)) {
        pieces.push(run);
      }
    }
    return pieces;
  };

  return (query) => query
    .normalize("NFC")
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((word) => word)
    .flatMap(hangulPieces);
})();
