"""The Python code in README.md runs as shown, from any directory."""

import re
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
