"""Statistics on registrations: codes in, tidy frames of numbers out.

* :mod:`.variables`: the one variable resolver (name -> data, kind, labels).
* :mod:`.descriptive`: counts and shares with Wilson intervals; cross tables.
* :mod:`.comparisons`: differences between groups (tests, effect sizes).
* :mod:`.change`: decision -> closure (transition tables, paired tests).
* :mod:`.exposure_risk`: identified exposure and assessed risk (ordinal association, model).

Imports from :mod:`webbkollen_lib.core`, :mod:`webbkollen_lib.systems` and
:mod:`webbkollen_lib.disclosure`; never from the presentation layers.
"""
