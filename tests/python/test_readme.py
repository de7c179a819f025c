"""The Python code and the command-line session in README.md run as shown, from any
directory."""

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_a_python_example():
    assert python_blocks()


def test_readme_python_examples_run(capsys, monkeypatch, tmp_path):
    # From a folder with nothing in it, as a user who did not clone the repository.
    monkeypatch.chdir(tmp_path)
    for block in python_blocks():
        exec(compile(block, str(README), "exec"), {})
    out = capsys.readouterr().out
    assert "remove_node: node 'zoe' not found" in out


# ----- the command-line session -------------------------------------------------------------

END = "@@@ end of command @@@"


GUIDE = README.parent / "docs" / "guide"


def shell_sessions():
    """The ```text blocks of `$ command` lines, each followed by its output, in the README
    and the user guide."""
    blocks = []
    for page in [README, *sorted(GUIDE.glob("*.md"))]:
        blocks += re.findall(r"```text\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if b.startswith("$ ")]


def commands_and_outputs(block):
    pairs = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        else:
            pairs[-1][1].append(line)
    return [(command, "\n".join(output)) for command, output in pairs]


def test_readme_and_guide_have_command_line_sessions():
    assert len(shell_sessions()) >= 2


def test_readme_command_line_session_prints_what_it_shows(tmp_path):
    """Each session runs in one shell (so variables carry over) from an empty folder, with
    the `groggy` of this Python's environment first on PATH; what each command prints
    (stdout and stderr, as a terminal shows them) is what the README shows. The README's
    /tmp/ files go to a scratch folder instead."""
    scratch = f"{tmp_path}/"
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "groggy").exists(), "the groggy command is not installed"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for block in shell_sessions():
        pairs = commands_and_outputs(block)
        script = "".join(f"{cmd.replace('/tmp/', scratch)}\necho '{END}'\n" for cmd, _ in pairs)
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
        )
        printed = done.stdout.replace(scratch, "/tmp/").split(f"{END}\n")
        assert len(printed) == len(pairs) + 1, done.stdout
        for (command, shown), got in zip(pairs, printed):
            assert got.rstrip("\n") == shown, f"$ {command}"
