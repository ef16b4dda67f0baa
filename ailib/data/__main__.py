"""`python -m ailib.data 이름...`: 데이터셋 파일을 미리 받는다 (인자 없이 실행하면 쓸 수 있는 이름이 나온다)."""
import sys

from ailib.data.catalog import prefetch
from ailib.data.offline import DataUnavailable

try:
    paths = prefetch(*sys.argv[1:])
except (ValueError, DataUnavailable) as error:
    sys.exit(str(error))
for path in paths:
    print(path)
