""".pre-commit-config.yaml runs the project's own lint commands from .venv as local hooks, so
the hooks work offline and say what `make lint` says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _hooks() -> dict[str, dict]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return {hook["id"]: hook for hook in config["repos"][0]["hooks"]}


def _lint_recipe() -> str:
    makefile = (REPO / "Makefile").read_text()
    return makefile[makefile.index("\nlint:") :].split("\n\n")[0]


def test_hooks_are_the_lint_commands_of_make_lint() -> None:
    hooks = _hooks()
    assert set(hooks) == {"ruff-check", "ruff-format", "sqlfluff-lint", "sqlfluff-lint-generator"}
    recipe = _lint_recipe().replace("$(BIN)/", "")
    for hook in hooks.values():
        assert hook["language"] == "system"
        command = re.search(r"\.venv/bin/(.+)$", hook["entry"]).group(1)
        assert command in recipe, f"{hook['id']}: `{command}` is not in make lint"


def _git_repo(tmp_path: Path, source: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(REPO / ".pre-commit-config.yaml", repo)
    shutil.copy(REPO / "pyproject.toml", repo)
    (repo / ".venv").symlink_to(Path(sys.executable).parents[1])
    (repo / "scripts" / "module.py").write_text(source)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "HOME": str(tmp_path)}
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True)
    return repo


@pytest.mark.parametrize(
    ("source", "passes"),
    [('"""A module."""\n\nVALUE = 1\n', True), ("import os\nVALUE = 1\n", False)],
)
def test_the_ruff_hook_passes_clean_code_and_fails_a_lint_error(tmp_path, source, passes):
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed in .venv (make install)")
    repo = _git_repo(tmp_path, source)
    result = subprocess.run(
        [str(PRE_COMMIT), "run", "ruff-check", "--all-files"],
        cwd=repo,
        env={**os.environ, "HOME": str(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode == 0) == passes, result.stdout + result.stderr
    if not passes:
        assert "F401" in result.stdout


@pytest.mark.parametrize("broken", [False, True])
def test_the_generator_sql_lint_checks_the_sql(tmp_path: Path, broken: bool) -> None:
    """`make lint`'s command for the generator's SQL lints it (a nested .sqlfluff cannot set
    the templater, so a wrong command would skip every file and pass): the SQL as it is passes,
    and a style error in one file fails, naming the file."""
    shutil.copy(REPO / ".sqlfluff", tmp_path)
    sql = tmp_path / "scripts" / "generate" / "sql"
    shutil.copytree(REPO / "scripts" / "generate" / "sql", sql)
    if broken:
        target = sql / "imdb" / "title_ratings.sql"
        target.write_text(target.read_text().replace("select", "SELECT", 1))
    command = _lint_recipe().split("sqlfluff lint --templater jinja ")[1].split("\n")[0]
    result = subprocess.run(
        [str(Path(sys.executable).with_name("sqlfluff")), "lint", "--templater", "jinja", command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert "cannot be set" not in output  # sqlfluff's warning when the templater is ignored
    if broken:
        assert result.returncode != 0, output
        assert "title_ratings.sql" in output and "CP01" in output, output
    else:
        assert result.returncode == 0, output
        assert "title_ratings.sql" not in output
