"""`python -m ailib.data 이름...`: 데이터셋 파일을 미리 받는다 (인자 없이 실행하면 쓸 수 있는 이름이 나온다)."""
import argparse
import sys

from ailib.data.catalog import DATASETS, prefetch
from ailib.data.offline import DataUnavailable

parser = argparse.ArgumentParser(
    prog="python -m ailib.data",
    description="데이터셋 파일을 데이터 폴더(AILIB_DATA)에 미리 받아 SHA-256을 확인합니다. 받아 두면 "
                "AILIB_OFFLINE=1에서도 실제 데이터를 씁니다. (Prefetch dataset files into AILIB_DATA.)",
)
parser.add_argument("names", nargs="*", metavar="이름",
                    help=f"받을 데이터셋 (dataset names): all, {', '.join(DATASETS)}")
arguments = parser.parse_args()
try:
    paths = prefetch(*arguments.names)
except (ValueError, DataUnavailable) as error:
    sys.exit(str(error))
for path in paths:
    print(path)
