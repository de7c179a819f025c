"""What saving and reading files must never do: replace what is not theirs (a FIFO, a
device, a symlink instead of its target), lose permission bits, leave temporary files of
killed saves forever, or abort the process on a file with an endless line.

Every special file written to here is made in a tmp folder (a FIFO with os.mkfifo, a socket,
a twin of /dev/null with os.mknod when root); /dev/null itself is only checked to still be a
character device, or, when not root (and so unable to replace it), linked to. /dev/zero is
only read.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import stat
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

import groggy as gr

WRITERS = {
    "save": lambda g, path: g.save(path),
    "write_edgelist": lambda g, path: g.write_edgelist(path),
}
READERS = {"save": gr.load, "write_edgelist": gr.read_edgelist}


def small_graph():
    g = gr.Graph(directed=True)
    g.add_edge(1, 2, weight=0.5)
    g.add_edge(2, 3)
    return g


def assert_dev_null_intact():
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# ----- saves replace only regular files -----------------------------------------------------


@pytest.mark.parametrize("how", WRITERS)
def test_a_fifo_is_refused_and_left_alone(tmp_path, how):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(gr.GroggyIOError) as info:
        WRITERS[how](small_graph(), fifo)
    assert str(fifo) in str(info.value)
    assert "FIFO" in str(info.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def safe_device(folder) -> str:
    """A character device that a broken save could not harm: as root (who could replace
    anything in /dev), a twin of /dev/null made in `folder`; otherwise /dev/null itself,
    which only root can replace."""
    if os.geteuid() != 0:
        return "/dev/null"
    device = os.path.join(folder, "device")
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return device


@pytest.mark.parametrize("how", WRITERS)
def test_a_symlink_to_a_device_is_refused_and_the_device_untouched(tmp_path, how):
    device = safe_device(tmp_path)
    link = tmp_path / "null"
    link.symlink_to(device)
    with pytest.raises(gr.GroggyIOError) as info:
        WRITERS[how](small_graph(), link)
    assert "character device" in str(info.value)
    assert f"'{device}'" in str(info.value)
    assert link.is_symlink()
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert_dev_null_intact()
    assert "null" in os.listdir(tmp_path) and len(os.listdir(tmp_path)) <= 2


@pytest.mark.parametrize("how", WRITERS)
def test_a_symlink_is_followed_and_stays_a_link(tmp_path, how):
    (tmp_path / "sub").mkdir()
    real = tmp_path / "sub" / "real"
    real.write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to("sub/real")
    g = small_graph()
    WRITERS[how](g, link)
    assert link.is_symlink()
    assert os.readlink(link) == "sub/real"
    back = READERS[how](real)
    assert list(back.edges) == list(g.edges)
    assert sorted(os.listdir(tmp_path)) == ["link", "sub"]
    assert os.listdir(tmp_path / "sub") == ["real"]
    # A dangling link: its target is created, the link stays.
    dangling = tmp_path / "dangling"
    dangling.symlink_to("made")
    WRITERS[how](g, dangling)
    assert dangling.is_symlink()
    assert list(READERS[how](tmp_path / "made").edges) == list(g.edges)


@pytest.mark.parametrize("how", WRITERS)
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o604])
def test_permission_bits_of_the_replaced_file_are_kept(tmp_path, how, mode):
    target = tmp_path / "g"
    WRITERS[how](small_graph(), target)
    os.chmod(target, mode)
    WRITERS[how](small_graph(), target)
    assert stat.S_IMODE(os.stat(target).st_mode) == mode


@pytest.mark.parametrize("how", WRITERS)
def test_temporary_files_of_killed_saves_are_removed(tmp_path, how):
    # A pid above any Linux pid_max (at most 2**22) cannot belong to a live process.
    stale = tmp_path / ".g.groggy-tmp-999999999-0"
    stale.write_bytes(b"partial")
    # This process's own temporary files may belong to a save running in another thread.
    ours = tmp_path / f".g.groggy-tmp-{os.getpid()}-999"
    ours.write_bytes(b"partial")
    other = tmp_path / ".h.groggy-tmp-999999999-0"
    other.write_bytes(b"partial")
    WRITERS[how](small_graph(), tmp_path / "g")
    assert sorted(os.listdir(tmp_path)) == sorted(["g", ours.name, other.name])


KILLED_SAVE = textwrap.dedent(
    """
    import os, sys
    import groggy as gr
    g = gr.Graph()
    g.add_edges([(i, i + 1) for i in range(200_000)])
    print("ready", flush=True)
    while True:
        g.save(sys.argv[1]) if sys.argv[2] == "save" else g.write_edgelist(sys.argv[1])
    """
)


def kill_while_saving(target, how) -> list[str]:
    """Starts a process saving to `target` over and over, kills it while a temporary file is
    there, and returns the temporary files left."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_SAVE, str(target), how], stdout=subprocess.PIPE, env=env
    )
    try:
        assert child.stdout.readline() == b"ready\n"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if any(".groggy-tmp-" in name for name in os.listdir(target.parent)):
                break
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    left = [name for name in os.listdir(target.parent) if ".groggy-tmp-" in name]
    assert all(name.startswith(f".g.groggy-tmp-{child.pid}-") for name in left), left
    return left


@pytest.mark.parametrize("how", WRITERS)
def test_a_save_killed_midway_leaves_a_temporary_file_the_next_save_removes(tmp_path, how):
    target = tmp_path / "g"
    # Killed between two saves there is no temporary file: try again (rarely needed).
    for _ in range(5):
        if kill_while_saving(target, how):
            break
    else:
        pytest.fail("no save was ever killed midway")
    WRITERS[how](small_graph(), target)
    assert os.listdir(tmp_path) == ["g"]


# ----- file names that are not UTF-8 ---------------------------------------------------------


def test_bytes_paths_that_are_not_utf8_work_everywhere(tmp_path):
    folder = os.fsencode(tmp_path)
    g = small_graph()
    native = os.path.join(folder, b"\xff.groggy")
    listed = os.path.join(folder, b"\xfe edges.txt")
    g.save(native)
    g.write_edgelist(listed)
    assert sorted(os.listdir(folder)) == [b"\xfe edges.txt", b"\xff.groggy"]
    assert gr.files.is_native_file(native) and not gr.files.is_native_file(listed)
    assert list(gr.load(native).edges) == list(g.edges)
    back = gr.read_edgelist(listed, directed=True)
    assert list(back.edges) == list(g.edges)
    assert list(back.edge_array("weight")) == list(g.edge_array("weight"))


def test_surrogate_escaped_names_from_listdir_work_everywhere(tmp_path):
    g = small_graph()
    for name in (b"\xff.groggy", b"\xff.txt"):
        (tmp_path / os.fsdecode(name)).write_bytes(b"")
    native, listed = sorted(os.listdir(tmp_path))
    assert native == "\udcff.groggy" and listed == "\udcff.txt"
    g.save(tmp_path / native)
    g.write_edgelist(str(tmp_path / listed))
    assert list(gr.load(tmp_path / native).edges) == list(g.edges)
    assert list(gr.read_edgelist(str(tmp_path / listed), directed=True).edges) == list(g.edges)
    assert gr.files.is_native_file(tmp_path / native)
    assert sorted(os.listdir(tmp_path)) == [native, listed]


def test_a_path_that_is_not_utf8_is_shown_lossily_in_errors(tmp_path):
    missing = os.path.join(os.fsencode(tmp_path), b"missing-\xff.groggy")
    with pytest.raises(FileNotFoundError) as info:
        gr.load(missing)
    assert "missing-\ufffd.groggy" in str(info.value)
    with pytest.raises(FileNotFoundError):
        gr.read_edgelist(os.fsdecode(missing))


def test_the_command_line_takes_names_that_are_not_utf8(tmp_path):
    source = os.path.join(os.fsencode(tmp_path), b"in-\xff.txt")
    target = os.path.join(os.fsencode(tmp_path), b"out-\xff.groggy")
    with open(source, "wb") as f:
        f.write(b"1 2\n2 3\n")
    # A strict UTF-8 stdout: a surrogate-escaped name printed as it is would fail there.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), PYTHONIOENCODING="utf-8")
    for extra in ([], ["--json"]):
        result = subprocess.run(
            [sys.executable, "-m", "groggy", "convert", source, target, *extra],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        shown = json.loads(result.stdout)["output"] if extra else result.stdout.decode()
        assert "out-\ufffd.groggy" in shown
        assert gr.load(target).edge_count == 2
        info = subprocess.run(
            [sys.executable, "-m", "groggy", "info", target, *extra],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert info.returncode == 0, info.stderr


# ----- reading never aborts ------------------------------------------------------------------

# Each runs in a subprocess with its address space limited, so that a reader that grows a
# buffer without bound fails the test quickly (killed or aborting) instead of eating the
# machine's memory or ending the test run.
BOUNDED = textwrap.dedent(
    """
    import resource, sys, time
    import groggy as gr
    def vm_bytes():
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    room = int(sys.argv[2])
    limit = vm_bytes() + room
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    start = time.monotonic()
    try:
        g = gr.read_edgelist(sys.argv[1])
    except gr.GroggyError as err:
        print(type(err).__name__, time.monotonic() - start)
        print(err)
    else:
        print("READ", g.edge_count)
    """
)


def read_bounded(path, room: int) -> tuple[str, float, str]:
    """Reads `path` in a subprocess allowed `room` more bytes of address space; returns the
    error class's name, the seconds taken and the message."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, "-c", BOUNDED, os.fsdecode(path), str(room)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    first, message = result.stdout.split("\n", 1)
    name, seconds = first.split()
    return name, float(seconds), message.strip()


MAX_LINE = 16 << 20


def test_reading_dev_zero_is_a_clear_error_quickly():
    name, seconds, message = read_bounded("/dev/zero", 1 << 30)
    assert name == "GroggyIOError", message
    assert message == (
        f"read_edgelist: /dev/zero:1: line longer than {MAX_LINE} bytes "
        "(the most an edge list line may hold)"
    )
    assert seconds < 5


def test_a_small_gzip_of_one_huge_line_is_an_error_not_an_abort(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    # 64 MiB of digits on line 2 (four times the limit): 64 KiB compressed.
    path.write_bytes(gzip.compress(b"1 2\n" + b"9" * (64 << 20), compresslevel=9))
    assert path.stat().st_size < 200_000
    name, seconds, message = read_bounded(path, 1 << 30)
    assert name == "GroggyIOError", message
    assert f"bomb.txt.gz:2: line longer than {MAX_LINE} bytes" in message
    assert seconds < 10


@pytest.mark.address_space_limit
def test_running_out_of_memory_while_reading_is_a_memory_error(tmp_path):
    path = tmp_path / "many.txt.gz"
    # 40 million edges (320 MB of keys) from 40 gzip members of one million lines each.
    member = gzip.compress(b"1 2\n" * 1_000_000)
    path.write_bytes(member * 40)
    name, _, message = read_bounded(path, 200 << 20)
    assert name == "GroggyMemoryError", message
    assert "out of memory: reading '" in message
    assert "many.txt.gz' needs" in message and "for the edge keys" in message


# ----- edge-list weights keep their type and value --------------------------------------------

WEIGHT_CASES = {
    "float64": [0.1, -0.0, 1e-300, 5e-324, 1.7976931348623157e308, math.inf, math.nan, 0.1],
    "float32": [np.float32(x) for x in (0.1, -0.0, 1e-45, 3.4028235e38, -math.inf, math.nan)],
    "int8": [np.int8(x) for x in (-128, 0, 127)],
    "int16": [np.int16(x) for x in (-32768, -1, 32767)],
    "int32": [np.int32(x) for x in (-(2**31), 7, 2**31 - 1)],
    "int64": [2**60 + 1, -(2**63), 2**63 - 1, 0],
    "bool": [True, False, True],
}


def same_bits(a, b) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b and type(a) is type(b) and str(a) == str(b)  # str tells -0.0 from 0.0


@pytest.mark.parametrize("dtype", WEIGHT_CASES)
def test_every_weight_type_reads_back_as_itself(tmp_path, dtype):
    g = gr.Graph(directed=True)
    for i, w in enumerate(WEIGHT_CASES[dtype]):
        g.add_edge(i, i + 1, weight=w)
    g.add_edge(100, 101)  # no weight: null
    before = g.edge_array("weight")
    assert before.dtype == dtype
    path = tmp_path / "w.txt"
    g.write_edgelist(path)
    back = gr.read_edgelist(path, directed=True).edge_array("weight")
    assert back.dtype == dtype
    got, expected = back.to_list(), before.to_list()
    assert len(got) == len(expected) and got[-1] is None
    assert all(same_bits(a, b) for a, b in zip(got, expected)), (got, expected)
    if dtype != "bool":
        np.testing.assert_array_equal(back.to_numpy()[:-1], before.to_numpy()[:-1])
    # Other readers skip the type line as a comment and get the same numbers.
    import networkx as nx
    import pandas as pd

    as_nx = nx.read_edgelist(path, nodetype=int, create_using=nx.DiGraph, data=[("weight", float)])
    nx_weights = [w for _, _, w in as_nx.edges(data="weight")]
    frame = pd.read_csv(path, sep=" ", comment="#", header=None, names=["u", "v", "w"])
    assert len(nx_weights) == len(frame) == len(expected)
    for x, y, want in zip(nx_weights, frame["w"], expected):
        if want is None:
            assert x is None and y != y  # pandas: NaN for a missing value
        elif isinstance(want, float) and math.isnan(want):
            assert x != x and y != y
        else:
            # They read floats: a float32 is written as its shortest text ("0.1"), the
            # nearest float64 to it, which narrows back to the same float32; an int beyond
            # 2**53 is the nearest float64 to it.
            assert (np.float32(x) if dtype == "float32" else x) == (
                float(want) if dtype == "int64" else want
            )
            assert y == x


def test_float32_and_large_ints_no_longer_change_on_a_round_trip(tmp_path):
    # The cases of the review: f32 0.1 read back as the float64 0.1, 2**60 + 1 as a float.
    g = gr.Graph()
    g.add_edge(1, 2, weight=np.float32(0.1))
    h = gr.Graph()
    h.add_edge(1, 2, weight=2**60 + 1)
    for graph, dtype, value in ((g, "float32", 0.10000000149011612), (h, "int64", 2**60 + 1)):
        path = tmp_path / f"{dtype}.txt"
        graph.write_edgelist(path)
        assert path.read_text().startswith(f"# groggy: weight={dtype}\n")
        back = gr.read_edgelist(path).edge_array("weight")
        assert back.dtype == dtype
        assert back.to_list() == [value]


def test_mixed_weights_read_back_as_float64_or_are_refused(tmp_path):
    g = gr.Graph()
    g.add_edge(1, 2, weight=0.5)
    g.add_edge(2, 3, weight=7)
    assert g.edge_array("weight").dtype == "mixed"
    path = tmp_path / "m.txt"
    g.write_edgelist(path)
    back = gr.read_edgelist(path).edge_array("weight")
    assert back.dtype == "float64" and back.to_list() == [0.5, 7.0]
    g.add_edge(3, 4, weight=2**53 + 1)
    with pytest.raises(gr.InvalidArgumentError, match="9007199254740993 in a column of mixed"):
        g.write_edgelist(path)
    assert gr.read_edgelist(path).edge_count == 2
