"""The source documents (``shared/seeds/<prefix>_….txt``) for the tests that check published figures against them.

In CI, and in the sessions' work tree, ``shared/`` lies beside the checkout.
Outside that layout (a clone on its own) a comparison with the source cannot
run and is skipped; in CI (``CI=true``) a missing source is a failure, never a
silent skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def source_text(prefix: str) -> str:
    """The text of the source document whose file name starts with ``prefix`` (``"000"``, ``"004"``)."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        reason = f"the source document (shared/seeds/{prefix}_…) is not beside this checkout ({SEEDS})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; in CI shared/ lies beside the clone")
        pytest.skip(reason)
    return found[0].read_text(encoding="utf-8")
