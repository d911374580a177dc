"""One error contract: every guard on a caller's input raises the library's errors, in one shape."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from webbkollen_lib import MissingColumnError, agreement, compare_groups, load_vignette_ratings, transition_table
from webbkollen_lib.agreement import vignettes as agreement_vignettes
from webbkollen_lib.core.errors import needs, require_columns, require_frame
from webbkollen_lib.systems.webbkollen.derived import exposure_count


def test_a_missing_column_is_both_a_key_error_and_a_value_error():
    error = MissingColumnError("the data has no column 'ar'", "ar")
    assert isinstance(error, KeyError) and isinstance(error, ValueError)
    assert str(error) == "the data has no column 'ar'"  # not KeyError's quoted repr
    assert error.column == "ar"


def test_a_missing_column_error_survives_pickling_with_its_column():
    # the batch runner's worker processes send errors back to the parent
    error = pickle.loads(pickle.dumps(MissingColumnError("the data has no column 'ar'", "ar")))
    assert (str(error), error.column) == ("the data has no column 'ar'", "ar")


def test_require_columns_names_the_caller_every_missing_column_and_what_the_data_has():
    frame = pd.DataFrame({"kon": [], "alder": []})
    with pytest.raises(MissingColumnError) as caught:
        require_columns(frame, ["kon", "ar", "tillfalle"], "report_population", hint="read the file with read_registrations()")
    message = str(caught.value)
    assert message.startswith("report_population: the data has no columns 'ar', 'tillfalle' (it has: kon, alder)")
    assert message.endswith("; read the file with read_registrations()")
    assert caught.value.column == "ar"


def test_require_columns_shortens_a_long_list_of_columns():
    frame = pd.DataFrame({f"c{i}": [] for i in range(25)})
    with pytest.raises(MissingColumnError, match=r"c9, … \(25 in all\)"):
        require_columns(frame, ["x"])


def test_require_columns_passes_when_nothing_is_missing():
    assert require_columns(pd.DataFrame({"kon": []}), ["kon"]) is None


def test_require_frame_refuses_what_is_not_a_data_frame():
    with pytest.raises(TypeError, match="summary: expected a pandas DataFrame of ratings, got list"):
        require_frame([1, 2], "summary", "ratings")
    frame = pd.DataFrame()
    assert require_frame(frame) is frame


def test_needs_keeps_the_analyses_message():
    assert str(needs("ar")) == "the analysis needs column 'ar', which the data lacks"


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: compare_groups(pd.DataFrame({"kon": ["pojke"]}), ["risk_beslut"], by="kon"), id="comparisons"),
        pytest.param(lambda: transition_table(pd.DataFrame({"risk_beslut": []}), "risk_beslut", "risk_avslut"), id="change"),
        pytest.param(lambda: agreement.checklist_shares(pd.DataFrame({"vinjett": []}), ["hem_annat"]), id="agreement"),
        pytest.param(lambda: agreement_vignettes.risk_distribution(load_vignette_ratings().drop(columns="risk")),
                     id="vignettes"),
        pytest.param(lambda: exposure_count(pd.DataFrame({"kon": []})), id="derived"),
    ],
)
def test_every_layer_reports_a_missing_column_the_same_way(call):
    with pytest.raises(MissingColumnError):
        call()
