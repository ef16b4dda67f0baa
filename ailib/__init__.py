"""AI-Library 교재의 라이브러리. 가져오기(import)만으로는 전역 상태를 바꾸지 않는다."""
from ailib.chapter import setup_chapter
from ailib.train.batches import TensorBatches
from ailib.train.history import History
from ailib.train.metrics import accuracy, rmse
from ailib.profile import ProfileError, budget, current_profile
from ailib.results import record_result
from ailib.runtime import device, seed_everything
from ailib.train.trainer import Trainer

__all__ = [
    "History",
    "ProfileError",
    "TensorBatches",
    "Trainer",
    "accuracy",
    "budget",
    "current_profile",
    "record_result",
    "device",
    "rmse",
    "seed_everything",
    "setup_chapter",
]
__version__ = "0.1.0"
