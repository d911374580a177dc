"""Municipalities for the synthetic registrations: the report's participants and all of Sweden.

Two sets are used by :func:`webbkollen_lib.synthetic.generate_cases`:

* ``report_municipalities()``: the eight municipalities / city districts that
  registered closed interventions in 2017 (report Table 1), with the number of
  registrations each contributes to the shipped 416 and the number of those
  that concern unaccompanied minors. The report gives neither; the split is
  ours (uneven, as in real projects: every participant has at least five
  registrations, the footnote to Table 1, and one large participant that
  registered all its closed cases, §4.1). Unaccompanied children are followed
  up by four of the eight (footnote 3 of §4.2).
* ``national_municipalities()``: Sweden's 290 municipalities with county and a
  rounded population (about 2017), from :mod:`webbkollen_lib.core.municipalities`.
  The populations are approximate, typed in for load and speed work; they are
  not an official statistic.
"""

from __future__ import annotations

import pandas as pd

from webbkollen_lib.core.municipalities import municipalities

# Report Table 1, 2017 column, in the table's order:
# (name, registrations in the shipped 416, of which unaccompanied minors).
_REPORT_2017 = (
    ("Majorna-Linné", 64, 8),
    ("Hammarö", 18, 0),
    ("Sollentuna", 41, 0),
    ("Solna", 37, 0),
    ("Södermalm", 72, 10),
    ("Tidaholm", 11, 5),
    ("Täby", 26, 0),
    ("Umeå", 147, 21),
)

# Report Table 1, 2016 column (not used by the generator; kept so the table is whole).
REPORT_2016 = (
    "Arvika", "Askim-Frölunda-Högsbo", "Majorna-Linné", "Hallsberg", "Hammarö", "Lidköping",
    "Nordmaling", "Solna", "Södermalm", "Tidaholm", "Täby", "Umeå",
)


def report_municipalities() -> pd.DataFrame:
    """The 2017 participants of report Table 1 with their share of the synthetic registrations.

    Returns
    -------
    DataFrame
        Columns ``kommun``, ``registreringar`` (registrations in the shipped
        416), ``ensamkommande`` (of which unaccompanied minors; non-zero for
        four municipalities, summing to the report's 44).
    """
    return pd.DataFrame(_REPORT_2017, columns=["kommun", "registreringar", "ensamkommande"])


def national_municipalities() -> pd.DataFrame:
    """Sweden's 290 municipalities: ``kommun``, ``lan`` (county) and ``folkmangd`` (rounded population)."""
    return municipalities()
