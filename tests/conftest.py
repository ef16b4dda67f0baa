"""시험 공통 설정: 그림은 화면 없이 그리고, 책 빌드 표시는 끈다."""
import os

import matplotlib

matplotlib.use("Agg")
os.environ.pop("AILIB_BOOK_BUILD", None)
