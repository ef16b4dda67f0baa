# AI-Library — 두 명령: `make book`(책 빌드), `make test`(전체 시험)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: book test serve clean clean-all pdf pdf-deps

# .venv를 만들고 고정된 패키지와 ailib(편집 가능 모드)를 설치한다. requirements.txt가 바뀌면 다시 설치한다.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

book: $(STAMP)  ## 책을 _build/html에 빌드한다 (경고가 하나라도 있으면 실패)
	$(BIN)/jupyter-book build . --warningiserror --keep-going

test: $(STAMP) browser fonts  ## ailib 시험, 엄격 빌드 시험, 책 전체 빌드, 사이트 브라우저 시험, PDF 글자 검사
	$(BIN)/python -m pytest

# 브라우저 시험(tests/book/test_site_browser.py)이 쓰는 Debian의 Chromium과 한글 글꼴(나눔고딕). 없을 때만 apt로
# 설치한다 (root가 아니면 sudo). 브라우저를 따로 내려받지 않는다.
.PHONY: browser
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser:  ## Chromium과 나눔고딕이 없으면 설치한다
	@command -v chromium >/dev/null && fc-list | grep -q NanumGothic || \
		($(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		chromium fonts-nanum)

# PDF가 쓰는 글꼴 (Debian 패키지, 내려받기 약 30 MB): FreeSerif·FreeSans, DejaVu Sans Mono, 나눔명조·나눔고딕·
# 나눔고딕코딩, 한자용 은바탕, 그림 문자용 Symbola. TeX 없이 도는 PDF 글자 검사(tests/test_pdf.py)가 이 글꼴
# 파일들의 문자표를 읽으므로, `make test`가 (없을 때만) apt로 설치한다 (root가 아니면 sudo).
PDF_FONT_PACKAGES := fonts-freefont-otf fonts-dejavu-core fonts-nanum fonts-nanum-coding fonts-unfonts-core \
	fonts-symbola
.PHONY: fonts
fonts:  ## PDF가 쓰는 글꼴이 없으면 설치한다 (TeX은 설치하지 않는다)
	@dpkg -s $(PDF_FONT_PACKAGES) >/dev/null 2>&1 || \
		($(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
		$(PDF_FONT_PACKAGES))

# 책 전체 PDF에 필요한 TeX과 글꼴 (Debian/Ubuntu 패키지, 설치하면 약 2 GB). `sudo make pdf-deps`
PDF_APT_PACKAGES := latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra \
	texlive-fonts-recommended texlive-fonts-extra texlive-lang-korean tex-gyre xindy $(PDF_FONT_PACKAGES)

pdf-deps:  ## PDF용 TeX·한글 글꼴을 apt로 설치한다 (root 권한 필요)
	apt-get update
	apt-get install -y --no-install-recommends $(PDF_APT_PACKAGES)

pdf: $(STAMP)  ## 책 전체 PDF → _build/latex/ai-library.pdf (글꼴에 없는 글자가 하나라도 있으면 실패)
	$(BIN)/jupyter-book build . --builder pdflatex --warningiserror --keep-going
	@if grep -n "Missing character" _build/latex/ai-library.log; then \
		echo "PDF에 글꼴에 없는 글자가 있습니다 (missing characters in the PDF, see above)"; exit 1; fi

serve: book  ## 빌드한 책을 http://127.0.0.1:8000 에서 보여 준다
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:  ## 빌드 결과와 실행 캐시를 지운다
	rm -rf _build

clean-all: clean  ## .venv까지 지운다
	rm -rf $(VENV)
