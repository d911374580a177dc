"""This folder is also the package ``webbkollen_lib.reports.notebooks``.

pyproject.toml maps it into the library (``[tool.setuptools.package-dir]``)
with ``kommunrapport.ipynb`` as its only file, so ``webbkollen batch`` finds
the report notebook in any installation and from any working directory; there
is one copy, here. The file exists because setuptools' editable install only
maps a folder that has an ``__init__.py``. Nothing to import.
"""
