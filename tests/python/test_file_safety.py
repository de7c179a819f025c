"""What saving and reading files must never do: replace what is not theirs (a FIFO, a
device, a symlink instead of its target), lose permission bits, leave temporary files of
killed saves forever, or abort the process on a file with an endless line.

Every special file here is made in a tmp folder (a FIFO with os.mkfifo, a symlink to
/dev/null); /dev/null itself is only checked to still be a character device.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time

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


@pytest.mark.parametrize("how", WRITERS)
def test_a_symlink_to_a_device_is_refused_and_the_device_untouched(tmp_path, how):
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    with pytest.raises(gr.GroggyIOError) as info:
        WRITERS[how](small_graph(), link)
    assert "character device" in str(info.value)
    assert "/dev/null" in str(info.value)
    assert link.is_symlink()
    assert_dev_null_intact()
    assert os.listdir(tmp_path) == ["null"]


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
