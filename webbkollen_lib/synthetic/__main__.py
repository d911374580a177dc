"""Write the shipped synthetic data files: ``python -m webbkollen_lib.synthetic [DIRECTORY]``."""

import sys
from pathlib import Path

from webbkollen_lib.io.datasets import SYNTHETIC_DIR
from webbkollen_lib.synthetic import write_shipped_cases, write_shipped_ratings


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    directory = Path(argv[0]) if argv else SYNTHETIC_DIR
    directory.mkdir(parents=True, exist_ok=True)
    for path in (write_shipped_cases(directory), write_shipped_ratings(directory)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
