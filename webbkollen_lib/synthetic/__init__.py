"""Seeded synthetic data, calibrated to the figures the Webbkollen report publishes.

Nothing here describes a real person. ``python -m webbkollen_lib.synthetic
[DIRECTORY]`` writes the shipped files (default ``data/synthetic/``).
"""

from .cases import generate_cases, write_shipped_cases
from .kartlaggning import generate_kartlaggning, generate_prioriteringar, write_shipped_kartlaggning
from .ubu import generate_ubu, write_shipped_ubu
from .vignettes import generate_vignette_ratings, write_shipped_ratings

__all__ = [
    "generate_cases", "generate_vignette_ratings", "generate_ubu", "generate_kartlaggning", "generate_prioriteringar",
    "write_shipped_cases", "write_shipped_ratings", "write_shipped_ubu", "write_shipped_kartlaggning",
]
