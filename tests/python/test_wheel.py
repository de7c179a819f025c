"""The wheel `make dist` builds (and `make test` installs): installable from an index
(a manylinux tag, in its file name and its WHEEL metadata), a stripped library under 4 MB,
and everything the package reads at run time."""

import re
import struct
import zipfile
from pathlib import Path

DIST = Path(__file__).resolve().parents[2] / "dist"
LIBRARY_LIMIT = 4 * 1024 * 1024


def the_wheel() -> Path:
    wheels = sorted(DIST.glob("groggy-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {DIST} (run `make dist`), found {wheels}"
    return wheels[0]


def elf64_section_names(elf: bytes) -> list[str]:
    """The section names of a little-endian ELF64 file, read from its section headers."""
    assert elf[:6] == b"\x7fELF\x02\x01", "not a little-endian ELF64 file"
    (header_offset,) = struct.unpack_from("<Q", elf, 0x28)
    entry_size, count, names_index = struct.unpack_from("<HHH", elf, 0x3A)

    def header(i):  # (name offset, file offset, size) of section i
        at = header_offset + i * entry_size
        return struct.unpack_from("<I", elf, at)[0], *struct.unpack_from("<QQ", elf, at + 0x18)

    _, names_at, names_size = header(names_index)
    names = elf[names_at : names_at + names_size]
    return [names[n : names.index(b"\0", n)].decode() for n, _, _ in map(header, range(count))]


def test_the_wheel_is_tagged_manylinux():
    wheel = the_wheel()
    assert re.fullmatch(r"groggy-[\d.]+-py3-none-manylinux_2_\d+_x86_64\.whl", wheel.name)
    with zipfile.ZipFile(wheel) as z:
        (metadata,) = [n for n in z.namelist() if n.endswith(".dist-info/WHEEL")]
        tags = re.findall(r"^Tag: (.+)$", z.read(metadata).decode(), re.M)
    assert tags and all(re.fullmatch(r"py3-none-manylinux_2_\d+_x86_64", t) for t in tags)


def test_the_library_in_the_wheel_is_stripped_and_small():
    with zipfile.ZipFile(the_wheel()) as z:
        info = z.getinfo("groggy/libgroggy.so")
        library = z.read(info)
    assert info.file_size < LIBRARY_LIMIT, f"{info.file_size} bytes"
    sections = elf64_section_names(library)
    assert ".dynsym" in sections
    assert not [name for name in sections if name.startswith(".debug")], sections
    assert b"gr_graph_new" in library  # the exported functions are still there


def test_the_wheel_carries_the_header_and_the_datasets():
    with zipfile.ZipFile(the_wheel()) as z:
        names = set(z.namelist())
    for name in [
        "groggy/groggy.h",
        "groggy/py.typed",
        "groggy/data/karate.edgelist",
        "groggy/data/karate_clubs.tsv",
        "groggy/data/wiki-Vote.txt.gz",
        "groggy/data/ca-GrQc.txt.gz",
    ]:
        assert name in names


def test_the_wheel_registers_the_networkx_backend():
    # networkx finds backends by the entry points of installed distributions only.
    with zipfile.ZipFile(the_wheel()) as z:
        names = set(z.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = z.read(entry_points).decode()
    assert "[networkx.backends]\ngroggy = groggy.nx_backend:backend\n" in text
    assert "[networkx.backend_info]\ngroggy = _groggy_nx:get_info\n" in text
    assert "_groggy_nx/__init__.py" in names
    assert "groggy/nx_backend/interface.py" in names
