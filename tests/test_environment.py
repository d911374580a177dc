"""environment.yml (conda-forge) and pyproject.toml list the same packages."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    return requirement.strip()[len(_name(requirement)):].replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_name(r): _spec(r) for r in reqs}


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        for r in dep["pip"] if isinstance(dep, dict) else [dep]:
            if _name(r) not in ("python", "pip"):
                out[_name(r)] = _spec(r)
    return out


def test_environment_lists_exactly_the_pyproject_packages():
    assert sorted(_environment()) == sorted(_pyproject())


def test_environment_uses_the_same_version_bounds():
    env, pyp = _environment(), _pyproject()
    assert {k: env[k] for k in pyp} == pyp


def test_every_package_is_pinned_in_the_lock_file():
    locked = {
        _name(line)
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert set(_pyproject()) - locked == set()


def test_environment_targets_conda_forge_and_python_311():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
