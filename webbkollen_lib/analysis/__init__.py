"""Statistics on registrations: codes in, tidy frames of numbers out.

* :mod:`.variables`: the one variable resolver (name -> data, kind, labels).
* :mod:`.descriptive`: counts and shares with Wilson intervals; cross tables.
* :mod:`.comparisons`: differences between groups (tests, effect sizes).
* :mod:`.change`: decision -> closure (transition tables, paired tests).
* :mod:`.exposure_risk`: identified exposure and assessed risk (ordinal association, model).
* :mod:`.indicators`: published indicators (Öppna jämförelser): profiles, targets, ranks.
* :mod:`.reliability`: Cronbach's alpha with its Feldt interval.
* :mod:`.ubu`: UBU's indices, the spärr, the provider lookup, providers as random effects.
* :mod:`.kartlaggning`: the 2012 survey's workflow (answers → regions' forms → the nation).
* :mod:`.maturity`: follow-up maturity 2012 → 2015 → 2017, three sources side by side.

Imports from :mod:`webbkollen_lib.core`, :mod:`webbkollen_lib.systems` and
:mod:`webbkollen_lib.disclosure`; never from the presentation layers.
"""
