"""``python -m webbkollen_lib``: the ``webbkollen`` command."""

from webbkollen_lib.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
