"""교재의 모델과 모델 요약(파라미터 수, 층별 모양).

장에서는 필요한 모듈만 가져온다: `from ailib.models.mlp import MLP`.
"""
