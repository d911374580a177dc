"""This folder is also the package ``webbkollen_lib.shipped``.

pyproject.toml maps it into the library (``[tool.setuptools.package-dir]``), so
the wheel ships these files and the library reads them with
``importlib.resources`` wherever it is installed; there is one copy, here.
The file exists because setuptools' editable install only maps a folder that
has an ``__init__.py``. Nothing to import.
"""
