"""The shipped synthetic data, typed as in the data contract.

The files live in ``data/synthetic/`` of the repository, where users look for
them; ``pyproject.toml`` maps that folder into the package as
``webbkollen_lib.shipped``, so a wheel ships them and they are read here with
:mod:`importlib.resources`, from any installation and any working directory.
In the editable install of the checkout (``make setup``) the package is the
checkout's folder itself, so ``python -m webbkollen_lib.synthetic`` writes to
``data/synthetic/``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd

from webbkollen_lib.io.registrations import read_ratings, read_registrations
from webbkollen_lib.systems.webbkollen.vignettes import VIGNETTES_DIR, load_vignette_texts

SHIPPED_PACKAGE = "webbkollen_lib.shipped"


def _shipped_dir() -> Path:
    try:
        folder = resources.files(SHIPPED_PACKAGE)
    except ModuleNotFoundError as exc:  # a checkout on sys.path without `make setup` / `pip install -e .`
        raise ImportError(
            f"{SHIPPED_PACKAGE} (the shipped synthetic data, data/synthetic/ in the repository) is not "
            "installed: install the package (`make setup`, or `pip install -e .` in the checkout)"
        ) from exc
    # a real folder: pip installs packages unpacked, and the readers need file paths
    return Path(str(folder))


#: Folder of the shipped synthetic data (``data/synthetic/`` in the checkout).
SYNTHETIC_DIR = _shipped_dir()
# the names webbkollen_lib.synthetic writes (not imported from there: reading the
# data must not import the generator and its scipy optimisers)
CASES_FILE = SYNTHETIC_DIR / "registreringar.csv"
RATINGS_FILE = SYNTHETIC_DIR / "vinjettbedomningar.csv"


def file_stamp(path: str | Path) -> tuple[int, int]:
    """``(modification time in ns, size)`` of a file, ``(0, -1)`` if there is none.

    Part of the key of a reader cached in a warm report kernel, so a file
    that is changed, added or removed between reports is read again.
    """
    path = Path(path)
    stat = path.stat() if path.is_file() else None
    return (stat.st_mtime_ns, stat.st_size) if stat else (0, -1)


def _missing(path: Path) -> FileNotFoundError:
    return FileNotFoundError(
        f"{path} does not exist. Make the synthetic data with `make data` "
        f"(or `python -m webbkollen_lib.synthetic`)."
    )


def load_cases(path: str | Path | None = None) -> pd.DataFrame:
    """The shipped synthetic registrations (416 closed interventions, 2017).

    Returns one row per registration in the data-contract form: ordered
    Categoricals for scales, Categoricals for single choices, nullable
    booleans for yes/no and multi-select options. Synthetic: made by
    :func:`webbkollen_lib.generate_cases`, calibrated to the report.
    ``path`` reads another registrations file the same way.
    """
    path = Path(path) if path is not None else CASES_FILE
    if not path.exists():
        raise _missing(path)
    return read_registrations(path)


def load_vignette_ratings(path: str | Path | None = None) -> pd.DataFrame:
    """The shipped synthetic vignette ratings of the two agreement tests (§3.3)."""
    path = Path(path) if path is not None else RATINGS_FILE
    if not path.exists():
        raise _missing(path)
    return read_ratings(path)


def load_vignettes(directory: str | Path | None = None) -> dict:
    """The vignette texts (Swedish and English) used in the agreement tests and workshops."""
    return load_vignette_texts(Path(directory) if directory is not None else VIGNETTES_DIR)
