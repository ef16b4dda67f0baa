"""교재의 모델들. 장에서는 필요한 모듈만 가져온다: `from ailib.models.mlp import MLP`."""
