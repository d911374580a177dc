"""Reading and writing data: validated registrations and ratings (:mod:`.registrations`), the shipped data (:mod:`.datasets`)."""

from webbkollen_lib.io.datasets import load_cases, load_vignette_ratings, load_vignettes
from webbkollen_lib.io.registrations import (
    read_ratings,
    read_raw_table,
    read_registrations,
    validate_registrations,
    write_ratings,
    write_registrations,
)

__all__ = [
    "read_registrations",
    "read_ratings",
    "read_raw_table",
    "validate_registrations",
    "write_registrations",
    "write_ratings",
    "load_cases",
    "load_vignette_ratings",
    "load_vignettes",
]
