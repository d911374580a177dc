"""Inter-rater agreement: chance-corrected coefficients, inference and consensus.

``from webbkollen_lib import agreement`` gives the public API of
:mod:`.coefficients` (percent agreement, Fleiss', Conger's, Gwet's AC1/AC2,
Brennan–Prediger, Krippendorff's alpha, bootstrap with percentile and BCa
intervals, benchmarking, consensus and checklist agreement), of
:mod:`.contingency` (two raters' q x q table, both variance conventions),
:mod:`.specific` (agreement on each category), :mod:`.diagnostics` (rater
diagnostics) and :mod:`.planning` (study planning by simulation).
:mod:`.vignettes` holds the agreement tests' vignettes as numbers; ``_core``,
``_resample``, ``_reshape``, ``_single`` and ``_bca`` are the vectorised
numerical cores.
"""

from webbkollen_lib.agreement import coefficients, contingency, diagnostics, planning, specific
from webbkollen_lib.agreement.coefficients import *  # noqa: F401,F403  (the names in coefficients.__all__)
from webbkollen_lib.agreement.contingency import *  # noqa: F401,F403
from webbkollen_lib.agreement.diagnostics import *  # noqa: F401,F403
from webbkollen_lib.agreement.planning import *  # noqa: F401,F403
from webbkollen_lib.agreement.specific import *  # noqa: F401,F403

__all__ = [*coefficients.__all__, *contingency.__all__, *specific.__all__, *diagnostics.__all__, *planning.__all__]
