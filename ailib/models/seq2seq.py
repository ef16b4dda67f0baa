"""seq2seq 번역기: 양방향 GRU 인코더, 더하기 어텐션(additive attention), GRU 디코더.

어텐션을 켜면(`attention=True`) 디코더는 시점마다 자기 상태 s_t로 인코더의 **모든** 상태를 보고 가중 평균(문맥
벡터)을 만든다. 끄면 인코더가 문장 전체를 요약한 고정 길이 벡터 하나만 받는다 (고정 길이 병목). 두 경우는 같은
코드에서 문맥 벡터를 만드는 한 줄만 다르다. 점수는 바다나우(Bahdanau)의 더하기 점수이고, 질의로 이번 시점의
상태 s_t를 쓰는 것은 루옹(Luong)의 방식이다: 그래서 교사 강요(teacher forcing)로 학습할 때 디코더 GRU가 정답
문장 전체를 한 번에 읽고, 모든 시점의 어텐션을 한 번의 텐서 연산으로 계산한다. 최대 길이는 어디에도 박혀
있지 않다: 패딩 마스크가 길이를 정한다.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class AdditiveAttention(nn.Module):
    """score(s_t, h_j) = v^T tanh(W_s s_t + W_h h_j), 가중치 = 진짜 토큰 위의 softmax (패딩은 정확히 0)."""

    def __init__(self, query_size: int, key_size: int, attention_size: int) -> None:
        super().__init__()
        self.query_proj = nn.Linear(query_size, attention_size, bias=False)
        self.key_proj = nn.Linear(key_size, attention_size, bias=False)
        self.v = nn.Linear(attention_size, 1, bias=False)

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, mask: torch.Tensor,
                projected_keys: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """queries (N, T, Q), keys (N, S, K), mask (N, S; True = 진짜 토큰) → 문맥 (N, T, K), 가중치 (N, T, S).

        projected_keys = key_proj(keys)를 미리 계산해 주면 다시 계산하지 않는다.
        """
        if projected_keys is None:
            projected_keys = self.key_proj(keys)
        hidden = torch.tanh(projected_keys[:, None] + self.query_proj(queries)[:, :, None])  # (N, T, S, A)
        scores = self.v(hidden).squeeze(-1)
        weights = torch.softmax(scores.masked_fill(~mask[:, None], float("-inf")), dim=-1)
        return weights @ keys, weights


@dataclass
class Memory:
    """인코더가 디코더에 넘기는 것: 모든 상태, 패딩 마스크, 미리 투영한 키, 문장 요약 벡터."""

    states: torch.Tensor           # (N, S, 2H)
    mask: torch.Tensor             # (N, S) bool
    projected: torch.Tensor | None  # (N, S, A), 어텐션이 없으면 None
    summary: torch.Tensor          # (N, 2H): 양방향 GRU의 마지막 상태 두 개를 이은 것


class Encoder(nn.Module):
    """양방향 GRU. 패딩을 건너뛰도록 묶음(packed) 시퀀스로 읽는다."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, pad: int) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad)
        self.gru = nn.GRU(embed_dim, hidden_size, batch_first=True, bidirectional=True)

    def forward(self, src: torch.Tensor, lengths: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """src (N, S), lengths (N,) → 상태 (N, S, 2H), 요약 (N, 2H)."""
        packed = pack_padded_sequence(self.embedding(src), lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        states, final = self.gru(packed)
        states, _ = pad_packed_sequence(states, batch_first=True, total_length=src.shape[1])
        return states, torch.cat([final[0], final[1]], dim=-1)


class Decoder(nn.Module):
    """GRU 디코더: 입력 = [앞 토큰의 임베딩; 요약 벡터], 출력 점수 = W_o [s_t; 문맥 벡터]."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, memory_size: int, pad: int,
                 attention: bool) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad)
        self.attention = AdditiveAttention(hidden_size, memory_size, hidden_size) if attention else None
        self.gru = nn.GRU(embed_dim + memory_size, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size + memory_size, vocab_size)

    def forward(self, tokens: torch.Tensor, hidden: torch.Tensor,
                memory: Memory) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
        """토큰 (N, T), 앞 은닉 상태 (N, H) → 점수 (N, T, V), 상태 s_1..s_T (N, T, H), 가중치 (N, T, S)."""
        summary = memory.summary[:, None].expand(-1, tokens.shape[1], -1)
        states, _ = self.gru(torch.cat([self.embedding(tokens), summary], dim=-1), hidden[None])
        if self.attention is not None:
            context, weights = self.attention(states, memory.states, memory.mask, memory.projected)
        else:
            context, weights = summary, None
        return self.out(torch.cat([states, context], dim=-1)), states, weights


class Seq2Seq(nn.Module):
    """인코더 + 디코더. forward는 교사 강요(teacher forcing), translate는 배치 탐욕적 디코딩."""

    def __init__(self, src_vocab_size: int, tgt_vocab_size: int, *, embed_dim: int = 64,
                 hidden_size: int = 128, attention: bool = True, pad: int = 0, bos: int = 2,
                 eos: int = 3) -> None:
        super().__init__()
        self.pad, self.bos, self.eos = pad, bos, eos
        self.encoder = Encoder(src_vocab_size, embed_dim, hidden_size, pad)
        self.bridge = nn.Linear(2 * hidden_size, hidden_size)
        self.decoder = Decoder(tgt_vocab_size, embed_dim, hidden_size, 2 * hidden_size, pad, attention)

    def encode(self, src: torch.Tensor, lengths: torch.Tensor) -> tuple[Memory, torch.Tensor]:
        """(디코더에 넘길 Memory, 디코더의 첫 은닉 상태 (N, H))."""
        states, summary = self.encoder(src, lengths)
        mask = torch.arange(src.shape[1], device=src.device)[None] < lengths.to(src.device)[:, None]
        attention = self.decoder.attention
        projected = attention.key_proj(states) if attention is not None else None
        return Memory(states, mask, projected, summary), torch.tanh(self.bridge(summary))

    def decode(self, memory: Memory, hidden: torch.Tensor,
               tgt_in: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor | None]:
        """교사 강요: 시점 t에 정답 tgt_in[:, t]를 넣는다. (점수 (N,T,V), 은닉 상태들 (N,T,H), 가중치 (N,T,S))."""
        return self.decoder(tgt_in, hidden, memory)

    def forward(self, src: torch.Tensor, src_lengths: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        """(N, S) 원문, (N,) 길이, (N, T) `<s>`로 시작하는 정답 → (N, T, V) 다음 토큰 점수."""
        memory, hidden = self.encode(src, src_lengths)
        return self.decode(memory, hidden, tgt_in)[0]

    @torch.no_grad()
    def translate(self, src: torch.Tensor, src_lengths: torch.Tensor,
                  max_len: int | None = None) -> tuple[torch.Tensor, torch.Tensor | None]:
        """탐욕적 디코딩(배치): 시점마다 가장 점수가 높은 토큰을 다음 입력으로 넣는다.

        (토큰 (N, T'), 가중치 (N, T', S) 또는 None). 모든 문장이 `</s>`를 내거나 max_len
        (기본: 원문 최대 길이의 2배 + 10)에 이르면 멈춘다. `</s>` 뒤는 pad로 채운다.
        """
        self.eval()
        max_len = max_len if max_len is not None else 2 * int(src_lengths.max()) + 10
        memory, hidden = self.encode(src, src_lengths)
        token = torch.full((len(src), 1), self.bos, dtype=torch.long, device=src.device)
        done = torch.zeros(len(src), dtype=torch.bool, device=src.device)
        tokens, weights = [], []
        for _ in range(max_len):
            logits, states, step_weights = self.decoder(token, hidden, memory)
            hidden = states[:, -1]
            token = logits[:, -1].argmax(dim=-1).masked_fill(done, self.pad)[:, None]
            tokens.append(token)
            weights.append(step_weights)
            done |= token[:, 0] == self.eos
            if bool(done.all()):
                break
        stacked = torch.cat(weights, dim=1) if weights[0] is not None else None
        return torch.cat(tokens, dim=1), stacked
