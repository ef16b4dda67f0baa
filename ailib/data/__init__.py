"""장(chapter)이 쓰는 모든 데이터와 미리 학습한 가중치.

모든 불러오기 함수는 먼저 실제 데이터(데이터 폴더 `AILIB_DATA`에 캐시, SHA-256 확인)를 시도하고,
`AILIB_OFFLINE` 정책에 따라 같은 모양의 대체 데이터(stand-in)로 바꾸며 그 사실을 한 줄로 알린다.
자세한 규칙은 ailib.data.offline, 내려받기는 ailib.data.download를 보라.
"""
from ailib.data.boston import BOSTON_COLUMNS, BOSTON_FEATURES, load_boston
from ailib.data.captchas import CAPTCHA_ALPHABET, make_captchas
from ailib.data.catalog import prefetch
from ailib.data.cifar10 import CIFAR10_CLASSES, CIFAR10_CLASSES_KO, CIFAR10_STANDIN_CLASSES_KO, load_cifar10
from ailib.data.download import ChecksumMismatch, DownloadFailed, data_root
from ailib.data.kor_eng import load_kor_eng_pairs
from ailib.data.mnist import add_noise, load_mnist
from ailib.data.netflix import load_netflix
from ailib.data.offline import DataUnavailable, used_standin
from ailib.data.pets import PET_TRIMAP_NAMES_KO, load_pets
from ailib.data.text import load_text_corpus
from ailib.data.vgg import vgg16_weights

__all__ = [
    "BOSTON_COLUMNS",
    "BOSTON_FEATURES",
    "CAPTCHA_ALPHABET",
    "CIFAR10_CLASSES",
    "CIFAR10_CLASSES_KO",
    "CIFAR10_STANDIN_CLASSES_KO",
    "ChecksumMismatch",
    "DataUnavailable",
    "DownloadFailed",
    "PET_TRIMAP_NAMES_KO",
    "add_noise",
    "data_root",
    "load_boston",
    "load_cifar10",
    "load_kor_eng_pairs",
    "load_mnist",
    "load_netflix",
    "load_pets",
    "load_text_corpus",
    "make_captchas",
    "prefetch",
    "used_standin",
    "vgg16_weights",
]
