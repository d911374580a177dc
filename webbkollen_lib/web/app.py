"""The web workshop as a WSGI application: participant pages, the projector page, exports.

:func:`create_app` builds a Flask application on a
:class:`~webbkollen_lib.teaching.store.SqliteStore`. Flask because the pages
are plain forms (no JavaScript needed) and every request is a short
synchronous read or write of one SQLite file, which is what a WSGI
framework and a threaded server do simply; Jinja2 escapes every participant
text in HTML by default. The server is waitress (:mod:`webbkollen_lib.web.server`):
pure Python, so it installs and runs on a trainer's Windows laptop as on
Linux. The HTTP interface is documented in ``docs/workshop.md``.

Who may do what:

* anyone on the network may read the participant pages, and may submit an
  answer only with the workshop's code; a participant is a device (a cookie,
  or the hidden field the form carries when cookies are blocked);
* the projector page, the exports and closing or reopening answers need the
  trainer's key: ``/tranare?nyckel=…`` (printed at start) sets a cookie and
  sends the trainer on to ``/projektor``, so the key is not shown on the
  projected address bar; state-changing trainer requests also carry a form
  token (CSRF).
"""

from __future__ import annotations

import base64
import hmac
import io
import re
import secrets
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import segno
from flask import Flask, abort, make_response, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.labels import LANGS
from webbkollen_lib.io.registrations import table_file_bytes
from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts
from webbkollen_lib.teaching import projector as projector_views
from webbkollen_lib.teaching.store import CHECKLISTS, SHORT_CHECKLISTS, SqliteStore, make_answer

__all__ = ["create_app", "LIMITS", "MAX_REQUEST_BYTES", "DEVICE_COOKIE", "TRAINER_COOKIE"]

#: Longest text accepted per field (characters).
LIMITS = {"kod": 20, "smeknamn": 40, "kommun": 60, "motivering": 1000, "mal": 500, "enhet": 64}
#: Largest request body accepted (a full answer with every text at its limit is about 6 KB).
MAX_REQUEST_BYTES = 16 * 1024
DEVICE_COOKIE = "wk_enhet"
TRAINER_COOKIE = "wk_tranare"
LANG_COOKIE = "wk_sprak"
_DEVICE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TIME_ZONE = ZoneInfo("Europe/Stockholm")
VIEWS = ("anslut", *projector_views.VIEWS, "export")


def create_app(store: SqliteStore, *, participant_url: str = "", vignette_texts: dict | None = None) -> Flask:
    """The workshop application on ``store`` (its code, key, vignettes and settings already set).

    ``participant_url`` is the address participants use (shown on the
    projector and in its QR code); ``vignette_texts`` defaults to the shipped
    vignettes (:func:`~webbkollen_lib.systems.webbkollen.vignettes.load_vignette_texts`).
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_REQUEST_BYTES
    texts = load_vignette_texts() if vignette_texts is None else vignette_texts
    code = store.setting("code")
    key = store.setting("trainer_key")
    csrf = store.ensure_setting("csrf", lambda: secrets.token_urlsafe(24))
    short = store.setting("short_form", "0") == "1"
    default_lang = store.setting("lang", "sv")
    if not code or not key:
        raise ValueError(f"{store.path}: the workshop has no code or trainer key; start it with `webbkollen workshop`")
    cb = get_codebook()

    # -- helpers -------------------------------------------------------------------------------

    def lang() -> str:
        asked = request.args.get("lang") or request.cookies.get(LANG_COOKIE) or default_lang
        return asked if asked in LANGS else default_lang

    def words(group: str) -> dict:
        return catalogue.labels(f"web.{group}", lang())

    def case_title(vid: str) -> str:
        vignette = texts[vid]
        return vignette.get(f"participant_title_{lang()}") or vignette["participant_title_sv"]

    def case_text(vid: str) -> str:
        vignette = texts[vid]
        return vignette.get(f"text_{lang()}") or vignette["text_sv"]

    def is_trainer() -> bool:
        return hmac.compare_digest(request.cookies.get(TRAINER_COOKIE, ""), key)

    def device_id() -> str | None:
        value = request.cookies.get(DEVICE_COOKIE) or request.form.get("enhet") or request.args.get("enhet")
        return value if value and _DEVICE.match(value) else None

    def page(template: str, status: int = 200, **context):
        current = lang()
        response = make_response(render_template(
            template, lang=current, other_lang=[x for x in LANGS if x != current][0], site=words("site"),
            **context), status)
        # scripts only on the trainer's pages (the projector's count), from our own files
        scripts = "script-src 'self'; connect-src 'self'; " if template == "projector.html" else ""
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; {scripts}style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        if request.args.get("lang") in LANGS:
            response.set_cookie(LANG_COOKIE, current, max_age=86400, samesite="Lax", httponly=True)
        return response

    def form_fields(vid: str) -> dict:
        groups = SHORT_CHECKLISTS if short else CHECKLISTS
        checklists = []
        for group in groups:
            var = cb[group]
            checklists.append({"name": group, "label": var.label(lang()),
                               "options": [(c, var.code(c[len(var.prefix):]).label(lang())) for c in var.columns]})
        risk_var = cb["risk"]
        risks = [(c.code, c.label(lang())) for c in risk_var.codes]
        return {"checklists": checklists, "risks": risks, "short": short, "limits": LIMITS}

    def open_cases() -> list[tuple[str, str]]:
        return [(vid, case_title(vid)) for vid, is_open in store.vignettes() if is_open and vid in texts]

    # -- participant pages ---------------------------------------------------------------------

    @app.get("/")
    def start():
        cases = open_cases()
        if len(cases) == 1:
            return redirect(url_for("case", vid=cases[0][0], **_keep(request.args, "kod", "lang")), 303)
        return page("start.html", cases=cases, form=words("form"))

    @app.get("/v/<vid>")
    def case(vid):
        if vid not in dict(store.vignettes()) or vid not in texts:
            return error_page(404, "unknown_case")
        device = device_id() or secrets.token_urlsafe(18)
        before = store.answer_of(device, vid)
        values = {"kod": request.args.get("kod", ""), "smeknamn": "", "kommun": "", "risk": None, "ticked": [],
                  "motivering": "", "mal": ""}
        if before:
            values.update(smeknamn=before["nickname"], kommun=before["kommun"], risk=before["risk"] or "inte_kant",
                          ticked=before["ticked"], motivering=before["motivering"], mal=before["mal"], kod=code)
        response = case_page(vid, device, values, {}, 200)
        return response

    def case_page(vid, device, values, errors, status):
        response = page("case.html", status, vid=vid, title=case_title(vid), text=case_text(vid), values=values,
                        errors=errors, device=device, form=words("form"), err=words("errors"),
                        is_open=store.is_open(vid), **form_fields(vid))
        response.set_cookie(DEVICE_COOKIE, device, max_age=2 * 86400, samesite="Lax", httponly=True)
        return response

    @app.post("/v/<vid>")
    def answer(vid):
        if vid not in dict(store.vignettes()) or vid not in texts:
            return error_page(404, "unknown_case")
        device = device_id() or secrets.token_urlsafe(18)
        e = words("errors")
        values = {name: request.form.get(name, "") for name in ("kod", "smeknamn", "kommun", "motivering", "mal")}
        values["risk"] = request.form.get("risk") or None
        values["ticked"] = request.form.getlist("kryss")
        errors: dict[str, str] = {}
        for name, limit in LIMITS.items():
            if name in values and len(values[name]) > limit:
                errors[name] = e["too_long"].format(n=limit, m=len(values[name]))
            elif name in values and _CONTROL.search(values[name]):
                errors[name] = e["control"]
        if "kod" not in errors and _plain(values["kod"]) != code:
            errors["kod"] = e["code"]
        if "smeknamn" not in errors and not _plain_name(values["smeknamn"]):
            errors["smeknamn"] = e["nickname"]
        risk_codes = [c.code for c in cb["risk"].codes]
        if values["risk"] not in risk_codes:
            errors["risk"] = e["risk"]
        allowed_groups = SHORT_CHECKLISTS if short else CHECKLISTS
        allowed = {c: g for g in allowed_groups for c in cb[g].columns}
        for ticked in values["ticked"]:
            if ticked not in allowed:
                errors["kryss"] = e["option"].format(value=ticked[:40])
                break
        else:
            for group in allowed_groups:
                var = cb[group]
                nones = [c for c in var.columns if c not in var.option_columns and c in values["ticked"]]
                if nones and (len(values["ticked"]) > 1 and any(allowed[t] == group and t != nones[0]
                                                                 for t in values["ticked"])):
                    errors[f"kryss_{group}"] = e["exclusive"].format(
                        none=var.code(nones[0][len(var.prefix):]).label(lang()))
        if not store.is_open(vid):
            errors["stangd"] = e["closed"]
        if errors:
            status = 403 if ("kod" in errors and values["kod"]) or "stangd" in errors else 400
            return case_page(vid, device, values, errors, status)
        answer_ = make_answer(_plain_name(values["smeknamn"]), vid, values["risk"], values["ticked"],
                              values["motivering"], values["mal"], values["kommun"])
        try:
            store.submit(device, answer_["participant"], answer_, form="kort" if short else "full")
        except PermissionError:
            return case_page(vid, device, values, {"stangd": e["closed"]}, 403)
        response = redirect(url_for("receipt", vid=vid, enhet=device if not request.cookies.get(DEVICE_COOKIE)
                                    else None), 303)
        response.set_cookie(DEVICE_COOKIE, device, max_age=2 * 86400, samesite="Lax", httponly=True)
        return response

    @app.get("/v/<vid>/kvitto")
    def receipt(vid):
        if vid not in texts:
            return error_page(404, "unknown_case")
        device = device_id()
        stored = store.answer_of(device, vid) if device else None
        r = words("receipt")
        if stored is None:
            return page("receipt.html", 404, vid=vid, r=r, message=r["none"], lines=[], device=device)
        name = store.display_names()[device]
        saved = datetime.fromisoformat(stored["saved_at"]).astimezone(_TIME_ZONE).strftime("%H.%M" if lang() == "sv"
                                                                                         else "%H:%M")
        risk = cb["risk"].code(stored["risk"] or "inte_kant").label(lang())
        lines = [r["saved"].format(name=name, case=case_title(vid), time=saved), r["your_risk"].format(risk=risk)]
        if stored["revision"] > 1:
            lines.append(r["revision"].format(n=stored["revision"] - 1))
        return page("receipt.html", vid=vid, r=r, message=r["title"], lines=lines, device=device,
                    others=len(open_cases()) > 1)

    # -- trainer pages -------------------------------------------------------------------------

    @app.get("/tranare")
    def trainer_login():
        if not hmac.compare_digest(request.args.get("nyckel", ""), key):
            return error_page(403, "trainer_only")
        response = redirect(url_for("projector"), 303)
        response.set_cookie(TRAINER_COOKIE, key, max_age=86400, samesite="Strict", httponly=True)
        return response

    @app.get("/projektor")
    def projector():
        if not is_trainer():
            return error_page(403, "trainer_only")
        cases = store.vignettes()
        vid = request.args.get("vinjett") or (cases[0][0] if cases else None)
        if vid not in dict(cases):
            return error_page(404, "unknown_case")
        view = request.args.get("vy", "anslut")
        if view not in VIEWS:
            view = "anslut"
        p = words("projector")
        answers = store.answers(vid)
        is_open = store.is_open(vid)
        context = {"vid": vid, "view": view, "p": p, "cases": [(v, case_title(v)) for v, _ in cases],
                   "n": len(answers), "is_open": is_open, "csrf": csrf, "views": VIEWS,
                   "url": participant_url, "code": code, "title": case_title(vid)}
        if view == "anslut":
            context["qr"] = _qr_data_uri(participant_url + (f"?kod={code}" if participant_url else ""))
        elif not is_open and view in projector_views.VIEWS:
            shown = projector_views.make_view(view, answers, vid, groups=SHORT_CHECKLISTS if short else CHECKLISTS,
                                              lang=lang(), title=case_title(vid))
            context["fragment"] = projector_views.render_view(shown, lang=lang())
        response = page("projector.html", **context)
        return response

    @app.post("/projektor/svar")
    def toggle():
        if not is_trainer() or not hmac.compare_digest(request.form.get("csrf", ""), csrf):
            return error_page(403, "trainer_only")
        vid = request.form.get("vinjett", "")
        if vid not in dict(store.vignettes()):
            return error_page(404, "unknown_case")
        store.set_open(vid, request.form.get("oppen") == "1")
        view = "resultat" if request.form.get("oppen") != "1" else "anslut"
        return redirect(url_for("projector", vinjett=vid, vy=view), 303)

    @app.get("/export.<fmt>")
    def export(fmt):
        if not is_trainer():
            return error_page(403, "trainer_only")
        if fmt not in ("csv", "xlsx"):
            return error_page(404, "not_found")
        frame = _export_frame(store.answers(), cb, lang())
        data = table_file_bytes(frame, fmt, sheet_name="Svar")
        response = make_response(data)
        response.headers["Content-Type"] = ("text/csv; charset=utf-8" if fmt == "csv" else
                                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers["Content-Disposition"] = f'attachment; filename="workshop-svar.{fmt}"'
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/api/status")
    def status():
        if not is_trainer():
            abort(403)
        return {"vignettes": [{"vinjett": v, "open": o, "answers": store.count(v)} for v, o in store.vignettes()]}

    # -- errors ----------------------------------------------------------------------------------

    def error_page(status: int, what: str):
        return page("error.html", status, message=words("errors")[what])

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_):
        return error_page(413, "too_large")

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return error_page(exc.code or 400, "not_found" if exc.code == 404 else "bad_request")

    return app


def _keep(args, *names) -> dict:
    return {n: args[n] for n in names if args.get(n)}


def _plain(code: str) -> str:
    """A typed workshop code as stored: no spaces or dashes, upper case."""
    return re.sub(r"[\s-]+", "", code or "").upper()


def _plain_name(name: str) -> str:
    """A nickname as stored: NFC, white space collapsed (case kept: "Anna" is shown as typed)."""
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def _qr_data_uri(url: str) -> str:
    if not url:
        return ""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _export_frame(answers, cb, language: str):
    """The answers for people: Swedish (or English) headers and labels, one row per participant and case."""
    columns = {"vinjett": cb.label("vinjett", language) if "vinjett" in cb else "Vinjett",
               "bedomare": catalogue.text("web.form.nickname", language),
               "kommun": cb.label("kommun", language), "risk": cb["risk"].label(language)}
    out = pd.DataFrame({
        columns["vinjett"]: answers["vinjett"].astype(str),
        columns["bedomare"]: answers["bedomare"].astype(str),
        columns["kommun"]: answers["kommun"].astype(object),
        columns["risk"]: [cb["risk"].code(r).label(language) if isinstance(r, str) else
                          cb["risk"].code("inte_kant").label(language) for r in answers["risk"].astype(object)],
    })
    yes, no = cb.yes_no[True][language], cb.yes_no[False][language]
    for group in CHECKLISTS:
        var = cb[group]
        for column in var.columns:
            label = f"{var.label(language)}: {var.code(column[len(var.prefix):]).label(language)}"
            out[label] = [yes if bool(v) else no for v in answers[column].astype("boolean").fillna(False)]
    out[catalogue.text("web.form.motivation", language)] = answers["motivering"].astype(object)
    out[catalogue.text("web.form.goal", language)] = answers["mal"].astype(object)
    out["saved_at"] = answers["saved_at"].astype(object)
    return out
