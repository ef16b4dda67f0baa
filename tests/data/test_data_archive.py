"""압축 풀기: 정상 tar.gz/zip은 풀리고, 폴더 밖을 가리키는 항목이 하나라도 있으면 아무것도 풀지 않는다."""
import io
import tarfile
import zipfile

import pytest
from data_server import files_under

from ailib.data.archive import UnsafeArchive, extract


def write_tar(path, members, *, link=None):
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        if link:
            info = tarfile.TarInfo(link[0])
            info.type, info.linkname = tarfile.SYMTYPE, link[1]
            archive.addfile(info)


def write_zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


@pytest.mark.parametrize("suffix, writer", [(".tar.gz", write_tar), (".zip", write_zip)])
def test_a_normal_archive_is_extracted_into_the_destination(tmp_path, suffix, writer):
    archive = tmp_path / f"data{suffix}"
    writer(archive, {"top/a.txt": b"A", "top/sub/b.txt": b"B"})
    destination = extract(archive, tmp_path / "out")
    assert (destination / "top" / "a.txt").read_bytes() == b"A"
    assert (destination / "top" / "sub" / "b.txt").read_bytes() == b"B"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data" + suffix, "out"]  # 임시 폴더가 남지 않았다


@pytest.mark.parametrize("suffix, writer, name", [
    (".tar.gz", write_tar, "../escaped.txt"),
    (".tar.gz", write_tar, "top/../../escaped.txt"),
    (".tar.gz", write_tar, "/tmp/escaped.txt"),
    (".zip", write_zip, "../escaped.txt"),
    (".zip", write_zip, "C:/escaped.txt"),
])
def test_path_traversal_is_refused_and_nothing_is_written(tmp_path, suffix, writer, name):
    folder = tmp_path / "inside"
    folder.mkdir()
    archive = folder / f"evil{suffix}"
    writer(archive, {"good.txt": b"fine", name: b"pwned"})
    with pytest.raises(UnsafeArchive, match="points outside the extraction folder") as caught:
        extract(archive, folder / "out")
    assert name in str(caught.value) and "풀지 않습니다" in str(caught.value)
    assert files_under(tmp_path) == [archive]


def test_links_in_a_tar_are_refused(tmp_path):
    archive = tmp_path / "link.tar.gz"
    write_tar(archive, {"a.txt": b"A"}, link=("innocent", "/etc/passwd"))
    with pytest.raises(UnsafeArchive, match="link or device entry 'innocent'"):
        extract(archive, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_file_that_is_not_an_archive_is_a_clear_error(tmp_path):
    archive = tmp_path / "broken.tar.gz"
    archive.write_bytes(b"this is not an archive")
    with pytest.raises(ValueError, match="not a readable tar/zip archive"):
        extract(archive, tmp_path / "out")
