"""The live test's one presentation (teaching.projector), as the projector page and resultat.ipynb show it."""

import pandas as pd
from bs4 import BeautifulSoup

from webbkollen_lib import load_vignette_ratings
from webbkollen_lib.agreement.coefficients import rating_vs_factor_count
from webbkollen_lib.teaching import live, projector
from webbkollen_lib.teaching.store import make_answer


def group(risks, motivation="text", ticked=()):
    rows = [make_answer(f"D{i}", "jamila", r, list(ticked), motivation) for i, r in enumerate(risks)]
    return pd.DataFrame({"vinjett": [a["vinjett"] for a in rows], "risk": [a["risk"] for a in rows],
                         "motivering": [a["motivering"] for a in rows]})


def test_the_result_view_puts_the_group_and_the_report_side_by_side_in_percent():
    answers = group(["hog"] * 6 + ["nagot_forhojd"] * 3 + ["inte_kant"])
    view = projector.result_view(answers, "jamila")
    overview = live.risk_overview(answers, "jamila").set_index("risk")
    rows = {r["label"]: r for r in view["rows"]}
    assert rows["Hög risk"]["you"] == 60 and rows["Hög risk"]["you_text"].replace("\xa0", " ") == "60 %"
    report_share = float(overview.loc["hog", "share_report"])
    assert rows["Hög risk"]["report"] == round(report_share * 100)
    assert view["n_report"] == int(overview["n_report"].sum()) > 0
    assert [line.replace("\xa0", " ") for line in view["headline"]] == [
        "6 av 9 valde samma nivå: hög risk.",
        "50 % av alla par av svar valde samma nivå.",  # (6·5 + 3·2) / (9·8) = 36/72
        "1 svarade Inte känt och räknas inte i samstämmigheten."]


def test_the_fragment_is_a_real_table_and_participant_text_stays_text():
    answers = group(["hog"] * 4, motivation='<script>alert(1)</script> "><img src=x onerror=alert(2)> våld')
    for view in (projector.result_view(answers, "jamila"), projector.words_view(answers, "jamila")):
        html = str(projector.render_view(view))
        page = BeautifulSoup(html, "html.parser")
        assert page.find("script") is None and page.find("img") is None
        table = page.find("table")
        assert table.find("caption").get_text(strip=True)
        assert all(th.get("scope") in ("col", "row") for th in table.find_all("th"))


def test_words_of_a_level_with_fewer_than_three_answers_are_not_shown():
    answers = pd.concat([group(["hog"] * 3, "fysiskt våld"), group(["mycket_hog"] * 2, "brandbomb hot")])
    view = projector.words_view(answers, "jamila")
    shown = str(projector.render_view(view))
    assert "våld" in shown and "brandbomb" not in shown
    assert view["note"].startswith("Orden visas inte för risknivåer med färre än 3 svar (1 st)")


def test_the_deep_view_says_whether_more_ticks_went_with_higher_risk():
    ratings = load_vignette_ratings()
    jamila = ratings[ratings["vinjett"].astype(str) == "jamila"]
    rho = rating_vs_factor_count(jamila).iloc[0]
    sentence = projector.deep_view(ratings, "jamila")["factors"]
    assert f"Spearmans rho {rho['rho']:.2f}".replace(".", ",") in sentence
    assert f"{int(rho['n'])} svar med en risknivå" in sentence
    assert projector.deep_view(jamila.head(3), "jamila")["factors"] == ""  # too few to say anything
    assert projector.deep_view(jamila.head(2), "jamila")["rows"] == []


def test_the_notebook_view_names_the_case_by_its_neutral_title_and_counts_the_answers():
    html = projector.notebook_html(projector.result_view(group(["hog"] * 3), "jamila"))
    assert f"<b>{projector.case_title('jamila')}</b> · 3 har svarat" in html
    assert "våld eller" not in html  # the report's title names the disagreement the test should reveal


def test_checklists_show_the_most_ticked_first_and_name_the_options_nobody_ticked():
    answers = pd.DataFrame({"vinjett": ["jamila"] * 4, "risk": ["hog"] * 4,
                            "hem_bristande_omsorg": [True, False, False, False],
                            "hem_fysiskt_vald": [True, True, True, False]})
    view = projector.checklist_view(answers, "jamila", groups=["hem"])
    block = view["blocks"][0]
    assert [(r["label"], r["share"]) for r in block["rows"]] == [("Fysiskt våld mot barnet", 75),
                                                                  ("Bristande omsorg", 25)]
    assert block["nobody"].startswith("Ingen kryssade i: Psykiskt våld mot barnet, ")
    assert "Fysiskt våld" not in block["nobody"]


def test_every_view_is_made_by_name_and_an_unknown_one_is_refused():
    answers = group(["hog"] * 3 + ["nagot_forhojd"])
    assert [projector.make_view(name, answers, "jamila")["view"] for name in projector.VIEWS] == list(projector.VIEWS)
    assert projector.make_view("resultat", answers, "jamila") == projector.result_view(answers, "jamila")
    try:
        projector.make_view("anslut", answers, "jamila")
    except ValueError as exc:
        assert "unknown view 'anslut'" in str(exc) and "resultat" in str(exc)
    else:
        raise AssertionError("an unknown view must be refused")


def test_a_workshop_with_its_own_vignette_names_it_by_its_own_title():
    answers = group(["hog"] * 3)
    assert {projector.make_view(name, answers, "jamila", title="Eget ärende")["title"]
            for name in projector.VIEWS} == {"Eget ärende"}
