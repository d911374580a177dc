"""The provider lookup before a placement: a widget and a function over the same protected numbers."""

import pandas as pd
import pytest

from webbkollen_lib.analysis.ubu import provider_lookup
from webbkollen_lib.io.ubu import load_ubu
from webbkollen_lib.teaching.ubu_lookup import ProviderLookup, lookup_view


@pytest.fixture(scope="module")
def data():
    return load_ubu()


def test_the_widget_opens_on_every_provider_the_sparr_shows_ranked_on_safety(data):
    lookup = ProviderLookup(data)
    expected = provider_lookup(data, area="trygghet", part="alla")
    assert lookup.view.numbers["utforare"].tolist() == expected["utforare"].tolist()
    assert list(lookup.view.table.index[:1]) == ["1 ≈"]  # the best overlaps itself
    assert "visas inte" in lookup.view.summary and "Rangordningen är osäker" in lookup.view.caveat
    assert "<table" in lookup.output.value


def test_choosing_a_target_group_offers_its_codes_and_redraws_once(data):
    lookup = ProviderLookup(data)
    lookup.group.value = "aldersgrupp"
    assert [v for _, v in lookup.code.options] == ["12_15", "16_17", "18_21"]
    assert lookup.code.value == "12_15"
    assert lookup.view.numbers.attrs["filters"] == {"aldersgrupp": "12_15"}
    lookup.code.value = "18_21"
    assert lookup.view.numbers.attrs["filters"] == {"aldersgrupp": "18_21"}
    lookup.group.value = "ar"
    assert [v for _, v in lookup.code.options] == sorted(set(data["ar"].astype(int)))
    lookup.group.value = None
    assert lookup.view.numbers.attrs["filters"] == {}


def test_type_area_and_party_reach_the_numbers(data):
    lookup = ProviderLookup(data)
    lookup.type.value = "sis"
    lookup.area.value = "skola"
    lookup.part.value = "ungdom"
    numbers = lookup.view.numbers
    assert set(numbers["utforartyp"]) == {"sis"}
    assert numbers.attrs["area"] == "skola" and numbers.attrs["part"] == "ungdom"
    expected = provider_lookup(data, area="skola", part="ungdom", utforartyp="sis")
    pd.testing.assert_frame_equal(numbers, expected)


def test_the_familjehem_code_is_not_offered_since_ubu_excludes_it(data):
    lookup = ProviderLookup(data)
    assert "familjehem" not in [v for _, v in lookup.type.options]
    lookup.group.value = "skal_placering"
    assert "ensamkommande_mottagande" not in [v for _, v in lookup.code.options]


def test_the_summary_never_says_how_many_questionnaires_are_held_back(data):
    view = lookup_view(data, group="aldersgrupp", code="18_21", utforartyp="sis")
    held = view.numbers.attrs["suppressed"]
    assert held["questionnaires"] > 0
    assert f"({held['questionnaires']} enkäter)" not in view.summary
    assert str(held["providers"]) in view.summary


def test_an_empty_selection_says_to_widen_it(data):
    view = lookup_view(data.iloc[:2], group="kon", code="flicka")
    assert view.table.empty and "Vidga urvalet" in view.summary


def test_english(data):
    view = lookup_view(data, lang="en")
    assert "Provider" in view.table.columns and "ranking is uncertain" in view.caveat


@pytest.mark.parametrize("kwargs, message", [
    ({"group": "kommun", "code": "Nacka"}, "group must be one of"),
    ({"group": "kon"}, "give group and code together"),
])
def test_bad_choices_are_refused(data, kwargs, message):
    with pytest.raises(ValueError, match=message):
        lookup_view(data, **kwargs)


def test_two_target_groups_at_once_are_refused_since_they_could_be_differenced(data):
    with pytest.raises(ValueError, match="one target group at a time"):
        provider_lookup(data, kon="flicka", ar=2013)
    with pytest.raises(ValueError, match="must be one code"):
        provider_lookup(data, kon=["flicka", "pojke"])
