"""Inter-rater agreement: chance-corrected coefficients, inference and consensus.

``from webbkollen_lib import agreement`` gives the public API of
:mod:`.coefficients` (percent agreement, Fleiss', Conger's, Gwet's AC1/AC2,
Brennan–Prediger, Krippendorff's alpha, bootstrap, benchmarking, consensus and
checklist agreement). :mod:`.vignettes` holds the agreement tests' vignettes as
numbers; ``_core``, ``_resample``, ``_reshape`` and ``_single`` are the
vectorised numerical cores.
"""

from webbkollen_lib.agreement import coefficients
from webbkollen_lib.agreement.coefficients import *  # noqa: F401,F403  (the names in coefficients.__all__)

__all__ = list(coefficients.__all__)
