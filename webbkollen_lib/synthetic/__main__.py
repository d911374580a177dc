"""Write the shipped synthetic data files: ``python -m webbkollen_lib.synthetic [DIRECTORY]``.

Without ``DIRECTORY`` the files go where the library reads them from, the
folder of ``webbkollen_lib.shipped``: in the checkout's editable install
(``make setup``) that is the repository's ``data/synthetic/``.
"""

import sys
from pathlib import Path

from webbkollen_lib.io.datasets import SYNTHETIC_DIR
from webbkollen_lib.synthetic import (
    write_shipped_cases,
    write_shipped_kartlaggning,
    write_shipped_ratings,
    write_shipped_ubu,
)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    directory = Path(argv[0]) if argv else SYNTHETIC_DIR
    directory.mkdir(parents=True, exist_ok=True)
    for path in (write_shipped_cases(directory), write_shipped_ratings(directory), *write_shipped_ubu(directory),
                 *write_shipped_kartlaggning(directory)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
