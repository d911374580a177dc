"""Where a live agreement test keeps its answers: one interface, two backends.

* :class:`SqliteStore` — the web workshop (``webbkollen workshop``): one
  SQLite file the trainer chooses, in WAL mode with ``synchronous=FULL``.
  Every answer is one transaction, committed before the participant sees a
  receipt, so an answer acknowledged is an answer kept, even if the server is
  killed (``kill -9``) the next moment; an answer sent again (a participant
  who never saw the receipt presses *Skicka* again) replaces the first, so
  nothing is duplicated. A participant is a **device**, not a name: two
  people who both call themselves "Anna" are two participants, shown as
  "Anna" and "Anna (2)". The workshop's code, trainer token and settings live
  in the same file, so a restarted server continues the same workshop.
* :class:`FolderStore` — the offline fallback: one JSON file per participant
  and vignette in a (shared) folder (:func:`save_answer`), for a notebook
  passed round or a network folder. The participant is the name typed.

Both give the answers as the same ratings frame (:meth:`answers`): columns
``vinjett``, ``bedomare``, ``kommun``, ``risk``, every checklist column,
``motivering``, ``mal`` and ``saved_at``; :func:`open_store` picks the
backend from the path (a ``.sqlite``/``.db`` file or a folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sqlite3
import tempfile
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from webbkollen_lib.core.codebook import apply_dtypes, get_codebook

__all__ = [
    "CHECKLISTS",
    "SHORT_CHECKLISTS",
    "make_answer",
    "checklist_columns",
    "answer_path",
    "save_answer",
    "read_answers",
    "ratings_frame",
    "normalise_nickname",
    "FolderStore",
    "SqliteStore",
    "open_store",
    "SQLITE_SUFFIXES",
]

#: The checklist groups a participant answers, in form order.
CHECKLISTS = ("hem", "vh", "barn", "insatsforslag")
#: The short form (a 20-minute slot): the home situation only.
SHORT_CHECKLISTS = ("hem",)
ANSWER_SUFFIX = ".json"
FORMAT_VERSION = 1
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
#: Letters and digits of a workshop code: no 0/O, 1/I/L, so it can be read off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 5


# --------------------------------------------------------------------------
# one answer
# --------------------------------------------------------------------------


def make_answer(
    participant: str,
    vignette: str,
    risk: str | None,
    ticked: list[str] | tuple[str, ...] = (),
    motivation: str = "",
    goal: str = "",
    kommun: str = "",
) -> dict:
    """Validate one participant's answer and return it as a plain dict.

    ``risk`` is a code of the risk scale, or None / ``"inte_kant"`` for "inte
    känt". ``ticked`` lists the checklist columns ticked (``hem_fysiskt_vald``,
    ``insats_kontaktperson``, …). Raises ValueError naming what is wrong.
    """
    cb = get_codebook()
    participant = (participant or "").strip()
    if not participant:
        raise ValueError("write your name or a nickname (participant is empty)")
    vignette = (vignette or "").strip()
    if not vignette:
        raise ValueError("vignette is empty")
    risk_var = cb["risk"]
    if risk in (None, "", *risk_var.missing_codes):
        risk = None
    elif risk not in risk_var.categories:
        raise ValueError(f"risk {risk!r} is not one of {', '.join(risk_var.categories + risk_var.missing_codes)}")
    allowed = set(checklist_columns())
    unknown = [c for c in ticked if c not in allowed]
    if unknown:
        raise ValueError(f"unknown checklist option(s) {unknown}")
    for group in CHECKLISTS:
        var = cb[group]
        nones = [c for c in var.columns if c not in var.option_columns and c in ticked]
        options = [c for c in var.option_columns if c in ticked]
        if nones and (options or len(nones) > 1):
            raise ValueError(
                f"{var.label('sv')}: '{cb.label(nones[0])}' cannot be ticked together with other answers"
            )
    return {
        "format": FORMAT_VERSION,
        "participant": participant,
        "vinjett": vignette,
        "kommun": (kommun or "").strip(),
        "risk": risk,
        "ticked": sorted(set(ticked)),
        "motivering": (motivation or "").strip(),
        "mal": (goal or "").strip(),
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def checklist_columns(groups=CHECKLISTS) -> list[str]:
    """Every checklist column a participant can tick (of ``groups``), in form order."""
    cb = get_codebook()
    return [c for group in groups for c in cb[group].columns]


def ratings_frame(rows: list[dict]) -> pd.DataFrame:
    """Answers (dicts with ``vinjett``, ``bedomare``, ``kommun``, ``risk``, ``ticked``, ``motivering``,
    ``mal``, ``saved_at``) as the typed ratings frame every backend returns."""
    columns = checklist_columns()
    records = []
    for row in rows:
        ticked = set(row["ticked"])
        records.append({
            "vinjett": row["vinjett"],
            "bedomare": row["bedomare"],
            "kommun": row.get("kommun") or None,
            "risk": row["risk"],
            **{c: c in ticked for c in columns},
            "motivering": row.get("motivering", ""),
            "mal": row.get("mal", ""),
            "saved_at": row.get("saved_at"),
        })
    frame = pd.DataFrame(records, columns=["vinjett", "bedomare", "kommun", "risk", *columns, "motivering", "mal",
                                           "saved_at"])
    known_vignettes = get_codebook()["vinjett"].categories
    typed = apply_dtypes(frame.drop(columns=["vinjett"]), dataset="ratings")
    if set(frame["vinjett"]) <= set(known_vignettes):
        vinjett = frame["vinjett"].astype(get_codebook()["vinjett"].dtype)
    else:
        vinjett = frame["vinjett"].astype("category")
    typed.insert(0, "vinjett", vinjett)
    return typed


# --------------------------------------------------------------------------
# the folder backend
# --------------------------------------------------------------------------


def answer_path(folder: str | Path, participant: str, vignette: str) -> Path:
    """The file an answer is stored in: one per participant and vignette."""
    return Path(folder) / f"{_slug(vignette)}__{_slug(participant)}{ANSWER_SUFFIX}"


def save_answer(folder: str | Path, answer: dict) -> Path:
    """Store an answer atomically (temporary file, fsync, rename); the last answer wins.

    Each participant and vignette has its own file, and a rename is atomic on
    local and network file systems: concurrent writers never lose or corrupt
    each other's answers, and a reader never sees half an answer.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = answer_path(folder, answer["participant"], answer["vinjett"])
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(answer, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def read_answers(folder: str | Path, vignette: str | None = None) -> pd.DataFrame:
    """All answers in a folder as a ratings frame (see the module docstring for its columns).

    Temporary files are ignored; a file that cannot be parsed raises a
    ValueError naming it (it was not written by :func:`save_answer`).
    """
    folder = Path(folder)
    rows = []
    paths = sorted(p for p in folder.glob(f"*{ANSWER_SUFFIX}") if not p.name.startswith(".")) if folder.exists() else []
    for path in paths:
        try:
            answer = json.loads(path.read_text(encoding="utf-8"))
            row = {"vinjett": answer["vinjett"], "bedomare": answer["participant"], "kommun": answer.get("kommun"),
                   "risk": answer["risk"], "ticked": list(answer["ticked"]), "motivering": answer.get("motivering", ""),
                   "mal": answer.get("mal", ""), "saved_at": answer.get("saved_at")}
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not an answer file ({type(exc).__name__}: {exc})") from None
        if vignette is None or row["vinjett"] == vignette:
            rows.append(row)
    return ratings_frame(rows)


def _slug(text: str) -> str:
    """A file-name-safe form of a name; distinct names never collide (a short hash is added)."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()[:40] or "x"
    digest = hashlib.sha1(text.strip().casefold().encode("utf-8")).hexdigest()[:8]
    return f"{base}-{digest}"


class FolderStore:
    """Answers as one JSON file per participant and vignette in ``folder`` (the offline fallback)."""

    def __init__(self, folder: str | Path):
        self.path = Path(folder)

    def save(self, answer: dict) -> Path:
        return save_answer(self.path, answer)

    def answers(self, vignette: str | None = None) -> pd.DataFrame:
        return read_answers(self.path, vignette)

    def __repr__(self) -> str:
        return f"FolderStore({str(self.path)!r})"


# --------------------------------------------------------------------------
# the SQLite backend
# --------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS vignettes (
    vinjett  TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    open     INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS participants (
    number   INTEGER PRIMARY KEY AUTOINCREMENT,
    device   TEXT NOT NULL UNIQUE,
    nickname TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
    vinjett    TEXT NOT NULL,
    device     TEXT NOT NULL,
    kommun     TEXT NOT NULL DEFAULT '',
    risk       TEXT,
    ticked     TEXT NOT NULL,
    motivering TEXT NOT NULL DEFAULT '',
    mal        TEXT NOT NULL DEFAULT '',
    form       TEXT NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 1,
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (vinjett, device)
);
"""


def normalise_nickname(nickname: str) -> str:
    """The form two nicknames are compared in: NFC, white space collapsed, case folded ("anna " == "Anna")."""
    return " ".join(unicodedata.normalize("NFC", nickname).split()).casefold()


def new_code(length: int = CODE_LENGTH) -> str:
    """A short workshop code people can read off a projector and type on a phone."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class SqliteStore:
    """A workshop's answers, settings and vignettes in one SQLite file (see the module docstring).

    Parameters
    ----------
    path : str or Path
        The file; created with its folder if missing, continued if it exists.

    A connection is opened per call (a web server calls from many threads);
    every write is one ``BEGIN IMMEDIATE`` transaction.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    def _connect(self) -> _Closing:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=30000")
        return _Closing(db)

    # -- settings ----------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._connect() as db:
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, str(value)))

    def ensure_setting(self, key: str, make) -> str:
        """The setting ``key``, created with ``make()`` the first time (a restart keeps the first value)."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row is None:
                value = str(make())
                db.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, value))
            else:
                value = row[0]
            db.execute("COMMIT")
        return value

    # -- vignettes -----------------------------------------------------------------------

    def add_vignettes(self, vignettes) -> None:
        """Make ``vignettes`` (ids) part of the workshop, in this order after any it has; new ones open."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            start = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM vignettes").fetchone()[0]
            for i, v in enumerate(vignettes):
                db.execute("INSERT OR IGNORE INTO vignettes(vinjett, position) VALUES (?, ?)", (v, start + i))
            db.execute("COMMIT")

    def vignettes(self) -> list[tuple[str, bool]]:
        """(vignette, open for answers) in the workshop's order."""
        with self._connect() as db:
            return [(v, bool(o)) for v, o in db.execute("SELECT vinjett, open FROM vignettes ORDER BY position")]

    def set_open(self, vignette: str, is_open: bool) -> None:
        with self._connect() as db:
            done = db.execute("UPDATE vignettes SET open = ? WHERE vinjett = ?", (int(is_open), vignette))
            if done.rowcount == 0:
                raise KeyError(f"no vignette {vignette!r} in this workshop")

    def is_open(self, vignette: str) -> bool:
        return dict(self.vignettes()).get(vignette, False)

    # -- answers -------------------------------------------------------------------------

    def submit(self, device: str, nickname: str, answer: dict, *, form: str = "full") -> dict:
        """Store ``answer`` (from :func:`make_answer`) as ``device``'s answer: the last one wins.

        Returns the receipt: ``revision`` (1 for a first answer, 2 for the
        first correction, …), ``saved_at``, ``bedomare`` (the nickname as
        others see it, numbered if another device has the same one).
        Raises ``PermissionError`` when the vignette is closed for answers.
        """
        if not device or len(device) > 64:
            raise ValueError("device must be a non-empty id of at most 64 characters")
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT open FROM vignettes WHERE vinjett = ?", (answer["vinjett"],)).fetchone()
                if row is None:
                    raise KeyError(f"no vignette {answer['vinjett']!r} in this workshop")
                if not row[0]:
                    raise PermissionError(f"answers to {answer['vinjett']!r} are closed")
                db.execute("INSERT INTO participants(device, nickname) VALUES (?, ?) "
                           "ON CONFLICT(device) DO UPDATE SET nickname = excluded.nickname", (device, nickname))
                db.execute(
                    "INSERT INTO answers(vinjett, device, kommun, risk, ticked, motivering, mal, form, saved_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(vinjett, device) DO UPDATE SET "
                    "kommun = excluded.kommun, risk = excluded.risk, ticked = excluded.ticked, "
                    "motivering = excluded.motivering, mal = excluded.mal, form = excluded.form, "
                    "revision = answers.revision + 1, saved_at = excluded.saved_at",
                    (answer["vinjett"], device, answer["kommun"], answer["risk"], json.dumps(answer["ticked"]),
                     answer["motivering"], answer["mal"], form, answer["saved_at"]),
                )
                revision, saved_at = db.execute("SELECT revision, saved_at FROM answers WHERE vinjett = ? AND device = ?",
                                                (answer["vinjett"], device)).fetchone()
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return {"revision": revision, "saved_at": saved_at, "bedomare": self.display_names()[device]}

    def display_names(self) -> dict[str, str]:
        """device -> the nickname as shown: the second device calling itself "Anna" is "Anna (2)"."""
        with self._connect() as db:
            rows = db.execute("SELECT device, nickname FROM participants ORDER BY number").fetchall()
        seen: dict[str, int] = {}
        out = {}
        for device, nickname in rows:
            key = normalise_nickname(nickname)
            seen[key] = seen.get(key, 0) + 1
            out[device] = nickname if seen[key] == 1 else f"{nickname} ({seen[key]})"
        return out

    def answer_of(self, device: str, vignette: str) -> dict | None:
        """``device``'s stored answer to ``vignette`` (to show it again for a correction), or None."""
        with self._connect() as db:
            row = db.execute("SELECT a.kommun, a.risk, a.ticked, a.motivering, a.mal, a.revision, a.saved_at, p.nickname "
                             "FROM answers a JOIN participants p USING (device) WHERE a.vinjett = ? AND a.device = ?",
                             (vignette, device)).fetchone()
        if row is None:
            return None
        keys = ("kommun", "risk", "ticked", "motivering", "mal", "revision", "saved_at", "nickname")
        out = dict(zip(keys, row))
        out["ticked"] = json.loads(out["ticked"])
        return out

    def count(self, vignette: str) -> int:
        with self._connect() as db:
            return db.execute("SELECT COUNT(*) FROM answers WHERE vinjett = ?", (vignette,)).fetchone()[0]

    def answers(self, vignette: str | None = None) -> pd.DataFrame:
        """The answers as a ratings frame, ``bedomare`` the display names (see the module docstring)."""
        names = self.display_names()
        query = "SELECT vinjett, device, kommun, risk, ticked, motivering, mal, saved_at FROM answers"
        args: tuple = ()
        if vignette is not None:
            query, args = query + " WHERE vinjett = ?", (vignette,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY rowid", args).fetchall()
        return ratings_frame([
            {"vinjett": v, "bedomare": names[device], "kommun": kommun, "risk": risk, "ticked": json.loads(ticked),
             "motivering": motivering, "mal": mal, "saved_at": saved_at}
            for v, device, kommun, risk, ticked, motivering, mal, saved_at in rows
        ])

    def delete(self) -> None:
        """Remove the workshop's file (and SQLite's WAL and shared-memory files beside it)."""
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)

    def __repr__(self) -> str:
        return f"SqliteStore({str(self.path)!r})"


class _Closing:
    """A connection used as ``with``: closed at the end (sqlite3's own ``with`` only commits)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc) -> None:
        self.db.close()


def open_store(where) -> FolderStore | SqliteStore:
    """The store at ``where``: a store as it is, a ``.sqlite``/``.sqlite3``/``.db`` file, or an answer folder."""
    if isinstance(where, (FolderStore, SqliteStore)):
        return where
    path = Path(where)
    if path.suffix.lower() in SQLITE_SUFFIXES:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no workshop file here (start one with `webbkollen workshop --db {path}`)")
        return SqliteStore(path)
    return FolderStore(path)
