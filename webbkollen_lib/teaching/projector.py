"""The live test's results for people: one presentation, two front ends.

The web workshop's projector page (:mod:`webbkollen_lib.web`) and the results
notebook (``notebooks/workshop/resultat.ipynb`` through
:class:`~webbkollen_lib.teaching.workshop.WorkshopResults`) show the same
views, made here from :mod:`webbkollen_lib.teaching.live`'s numbers:

* ``resultat`` — the group ("Ni") and the report's participants side by side
  in percent, under one headline sentence ("14 av 25 valde samma nivå"),
  with the "inte känt" answers explained;
* ``fordjupning`` — the consensus measures with their intervals;
* ``utsatthet`` — the share ticking each option of the checklists;
* ``ord`` — the words of the motivations by risk level, levels with fewer
  than :data:`~webbkollen_lib.teaching.live.MIN_WORDS_ANSWERS` answers hidden.

Each ``*_view`` function returns the view's content as plain data (labels
and rounded numbers as text); :func:`render_view` turns it into an HTML
fragment (real tables with captions and scoped headers, bars drawn with CSS
classes so the web page's Content Security Policy needs no inline style).
The words come from the ``web.projector`` group of the label catalogue.
"""

from __future__ import annotations

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from webbkollen_lib.agreement.coefficients import rating_vs_factor_count
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.formatting import format_interval, format_number, format_percent
from webbkollen_lib.core.labels import check_lang
from webbkollen_lib.present import vignettes as va
from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts
from webbkollen_lib.teaching import live
from webbkollen_lib.teaching.store import CHECKLISTS
from webbkollen_lib.teaching.live import words_by_rating

__all__ = ["VIEWS", "case_title", "make_view", "result_view", "deep_view", "checklist_view", "words_view", "render_view",
           "notebook_html"]

#: The result views, in the order the projector's menu shows them.
VIEWS = ("resultat", "fordjupning", "utsatthet", "ord")

_ENV = Environment(loader=PackageLoader("webbkollen_lib.teaching", "templates"),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def _words(lang: str) -> dict:
    return catalogue.labels("web.projector", lang)


def _pct(share, lang: str) -> str:
    return "–" if share is None or pd.isna(share) else format_percent(float(share), lang=lang)


def _width(share) -> int:
    return 0 if share is None or pd.isna(share) else int(round(float(share) * 100))


def case_title(vignette: str, lang: str = "sv") -> str:
    """The vignette's neutral participant title (not the report's, which names the disagreement)."""
    texts = load_vignette_texts()
    case = texts.get(vignette)
    if case is None:
        return vignette
    return case.get(f"participant_title_{check_lang(lang)}") or case.get("participant_title_sv") or vignette


def result_view(answers: pd.DataFrame, vignette: str, *, lang: str = "sv", title: str | None = None) -> dict:
    """The group and the report in percent, one headline, the "inte känt" answers explained.

    >>> d = pd.DataFrame({"vinjett": ["jamila"] * 3, "risk": ["hog", "hog", "inte_kant"]})
    >>> v = result_view(d, "jamila")
    >>> for line in v["headline"]:
    ...     print(line.replace("\xa0", " "))
    2 av 2 valde samma nivå: hög risk.
    100 % av alla par av svar valde samma nivå.
    1 svarade Inte känt och räknas inte i samstämmigheten.
    """
    p, cb = _words(lang), get_codebook()
    overview = live.risk_overview(answers, vignette)
    head = live.headline(answers, vignette)
    lines = []
    if head["modal"] is None:
        lines.append(p["too_few"].format(n=head["n_known"]))
    else:
        level = cb["risk"].code(head["modal"]).label(lang).lower()
        lines.append(p["headline"].format(k=head["n_modal"], n=head["n_known"], level=level))
        lines.append(p["pairs"].format(share=format_percent(head["pairs_agree"], lang=lang)))
    if head["n"] - head["n_known"]:
        lines.append(p["unknown_note"].format(n=head["n"] - head["n_known"]))
    n_report = int(overview["n_report"].sum()) if overview["n_report"].notna().any() else 0
    rows = [{"label": cb["risk"].code(r.risk).label(lang),
             "you": _width(r.share_group), "you_text": _pct(r.share_group, lang),
             "report": _width(r.share_report), "report_text": _pct(r.share_report, lang)}
            for r in overview.itertuples()]
    return {"view": "resultat", "title": title or case_title(vignette, lang), "n": head["n"], "headline": lines,
            "rows": rows, "n_report": n_report,
            "caption": p["chart_caption"].format(n=head["n"], m=n_report)}


def deep_view(answers: pd.DataFrame, vignette: str, *, lang: str = "sv", n_boot: int = 500,
              title: str | None = None) -> dict:
    """The consensus measures with bootstrap intervals, from at least three known ratings."""
    p = _words(lang)
    head = live.headline(answers, vignette)
    out = {"view": "fordjupning", "title": title or case_title(vignette, lang), "n": head["n"], "lead": p["deep_lead"]}
    if head["n_known"] < 3:
        return {**out, "rows": [], "note": p["too_few"].format(n=head["n_known"])}
    table = va.consensus_table(answers, vignettes=[vignette], lang=lang, n_boot=n_boot).reset_index()
    return {**out, "header": [str(c) for c in table.columns], "rows": table.astype(str).values.tolist(), "note": "",
            "factors": _factors_sentence(answers, vignette, lang)}


def _factors_sentence(answers: pd.DataFrame, vignette: str, lang: str) -> str:
    """Do those who ticked more forms of exposure rate the risk higher? From four answers with a level."""
    own = answers.loc[(answers["vinjett"].astype(str) == vignette).to_numpy()]
    cb = get_codebook()
    exposure = [c for group in ("hem", "vh", "barn") for c in cb[group].columns if c in own]
    if live.headline(own, vignette)["n_known"] < 4 or not exposure:  # too few, or no checklist was asked
        return ""
    row = rating_vs_factor_count(own).iloc[0]
    if pd.isna(row["rho"]):  # everyone ticked as many, or chose the same level: no association to state
        return ""
    return _words(lang)["factors"].format(
        rho=format_number(row["rho"], 2, lang=lang), n=int(row["n"]),
        interval=format_interval(row["ci_low"], row["ci_high"], 2, lang=lang))


def checklist_view(answers: pd.DataFrame, vignette: str, *, groups=CHECKLISTS, lang: str = "sv",
                   title: str | None = None) -> dict:
    """For each checklist, the share of the answers ticking each option, most ticked first.

    Options nobody ticked are named in one sentence under the table (``nobody``), so a checklist of
    twelve options still fits the projector beside the others.
    """
    p, cb = _words(lang), get_codebook()
    own = int((answers["vinjett"].astype(str) == vignette).sum())
    blocks = []
    for group in groups:
        var = cb[group]
        frame = live.checklist_overview(answers, vignette, group)
        # most ticked first, so the room sees where it agreed; the options nobody ticked in one line
        ticked = frame[frame["n_ticked"] > 0].sort_values("n_ticked", ascending=False, kind="stable")
        nobody = [var.code(c).label(lang) for c in frame.loc[frame["n_ticked"] == 0, "code"]]
        blocks.append({"caption": p["checklist_caption"].format(question=var.label(lang), n=own),
                       "rows": [{"label": var.code(r.code).label(lang), "share": _width(r.share),
                                 "text": _pct(r.share, lang)} for r in ticked.itertuples()],
                       "nobody": p["nobody_ticked"].format(options=", ".join(nobody)) if nobody and own else ""})
    return {"view": "utsatthet", "title": title or case_title(vignette, lang), "n": own, "blocks": blocks}


def words_view(answers: pd.DataFrame, vignette: str, *, lang: str = "sv", title: str | None = None) -> dict:
    """The motivations' words by risk level; levels with too few answers hidden, and the count of them said."""
    p = _words(lang)
    own = answers.loc[(answers["vinjett"].astype(str) == vignette).to_numpy()]
    out = {"view": "ord", "title": title or case_title(vignette, lang), "n": len(own),
           "caption": p["words_caption"].format(k=live.MIN_WORDS_ANSWERS), "groups": [], "note": ""}
    table = words_by_rating(own, lang=lang) if len(own) else None
    if table is None or table.empty:
        return {**out, "note": p["no_words"]}
    kept, hidden = live.words_overview(table)
    grouped: dict[str, list] = {}
    for row in kept.itertuples(index=False):
        grouped.setdefault(row[0], []).append(f"{row[1]} ({row[2]})")
    note = p["words_hidden"].format(n=hidden, k=live.MIN_WORDS_ANSWERS) if hidden else ""
    if not grouped and not note:
        note = p["no_words"]
    return {**out, "groups": list(grouped.items()), "note": note}


def make_view(name: str, answers: pd.DataFrame, vignette: str, *, groups=CHECKLISTS, lang: str = "sv",
              title: str | None = None) -> dict:
    """The view ``name`` (one of :data:`VIEWS`) of ``vignette``'s answers; ``groups`` are the checklists shown.

    ``title`` names the case (default: the shipped vignette's participant title; a workshop with its own
    vignette files passes its own).
    """
    if name == "utsatthet":
        return checklist_view(answers, vignette, groups=groups, lang=lang, title=title)
    makers = {"resultat": result_view, "fordjupning": deep_view, "ord": words_view}
    if name not in makers:
        raise ValueError(f"make_view: unknown view {name!r}; allowed: {', '.join(VIEWS)}")
    return makers[name](answers, vignette, lang=lang, title=title)


def render_view(view: dict, *, lang: str = "sv", heading_level: int = 2) -> Markup:
    """One view as an HTML fragment (escaped: every participant text stays text)."""
    return Markup(_ENV.get_template("live_view.html").render(v=view, p=_words(lang), h=heading_level))


def notebook_html(view: dict, *, lang: str = "sv") -> str:
    """A view for a notebook: the fragment with its own scoped style, readable on a projector."""
    css = _ENV.get_template("live_notebook.css").render()
    case = Markup("<p class='case'><b>{}</b> · {}</p>").format(view["title"], _words(lang)["answered"].format(n=view["n"]))
    return f"<div class='webbkollen-live' lang='{check_lang(lang)}'><style>{css}</style>{case}{render_view(view, lang=lang)}</div>"
