"""`python -m ailib.data 이름...`: 데이터셋 파일을 미리 받는다 (이름 목록은 인자 없이 실행하면 나온다)."""
import sys

from ailib.data.catalog import prefetch

for path in prefetch(*sys.argv[1:]):
    print(path)
