"""The foundation every other layer uses: codebook, errors, number formats, labels.

* :mod:`.codebook`: the :class:`~.codebook.Codebook` (variables, codes, kinds,
  dtypes); the Webbkollen codebook's YAML lives with its system in
  :mod:`webbkollen_lib.systems.webbkollen`.
* :mod:`.errors`: the library's errors and input guards (one contract).
* :mod:`.formatting`: how a number looks to a reader (Swedish and English).
* :mod:`.labels`: the one bilingual catalogue of words people read.
* :mod:`.municipalities`: Sweden's 290 municipalities and 21 counties.

Imports nothing from the rest of the package.
"""
