"""One build rule pyproject.toml cannot state; everything else is configured there.

``notebooks/`` is mapped into the package as ``webbkollen_lib.reports.notebooks``
(``[tool.setuptools.package-dir]``) so that the wheel ships the report notebook,
``kommunrapport.ipynb``, from its one copy. The folder also holds the notebooks'
jupytext scripts (``01_beskrivande.py``, ``kommunrapport.py``, ...), which
setuptools would package as modules of that package: it puts every ``*.py`` of
a package folder in the wheel, and ``exclude-package-data`` filters data files
only. This build_py keeps just the folder's ``__init__.py``.
"""

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS_PACKAGE = "webbkollen_lib.reports.notebooks"


class BuildPy(build_py):
    def find_package_modules(self, package, package_dir):
        modules = super().find_package_modules(package, package_dir)
        if package == NOTEBOOKS_PACKAGE:
            modules = [m for m in modules if m[1] == "__init__"]
        return modules


setup(cmdclass={"build_py": BuildPy})
