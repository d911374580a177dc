"""SKL's 2012 survey of how municipalities follow up children placed in familjehem and HVB.

Definitions only (layer 1): the questionnaire as a codebook (``codebook.yaml``),
the survey's 24 regions and their municipalities (:mod:`.survey`), and the
report's published figures with a check of any answers against them
(:mod:`.reference`). ``README.md`` lists the source's inconsistencies.
"""
