"""The shipped synthetic data, typed as in the data contract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from webbkollen_lib.io.registrations import read_ratings, read_registrations
from webbkollen_lib.systems.webbkollen.vignettes import VIGNETTES_DIR, load_vignette_texts

REPO_DIR = Path(__file__).resolve().parents[2]
SYNTHETIC_DIR = REPO_DIR / "data" / "synthetic"
CASES_FILE = SYNTHETIC_DIR / "registreringar.csv"
RATINGS_FILE = SYNTHETIC_DIR / "vinjettbedomningar.csv"


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
