"""For workshops: the live agreement test, the interactive explorer and the exercises' checks.

* :mod:`.workshop`: participants' answer form and the group's results.
* :mod:`.explorer`: portal-style filters with disclosure control.
* :mod:`.exercises`: check functions and hints for the exercise notebooks.
"""
