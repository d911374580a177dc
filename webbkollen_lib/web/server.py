"""Start a web workshop: set up (or continue) its SQLite file, print how to join, serve with waitress.

``webbkollen workshop`` (:mod:`webbkollen_lib.cli`) calls :func:`prepare` and
:func:`serve`. By default the server listens on 127.0.0.1 only (the trainer's
own browser); ``--lan`` listens on every interface so phones on the same
network can reach it, and says so.
"""

from __future__ import annotations

import io
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

import segno
import waitress

from webbkollen_lib.systems.webbkollen.vignettes import load_vignette_texts
from webbkollen_lib.teaching.store import SqliteStore, new_code
from webbkollen_lib.web.app import create_app

__all__ = ["Workshop", "prepare", "serve", "lan_address", "DEFAULT_PORT", "DEFAULT_DB"]

DEFAULT_PORT = 8765
DEFAULT_DB = "workshop.sqlite"


@dataclass(frozen=True)
class Workshop:
    """A prepared workshop: where it listens, how participants join, the trainer's link."""

    store: SqliteStore
    host: str
    port: int
    public_host: str
    code: str
    trainer_key: str
    vignettes: tuple[str, ...]
    continued: bool

    @property
    def participant_url(self) -> str:
        return f"http://{self.public_host}:{self.port}/"

    @property
    def join_url(self) -> str:
        """What the QR code holds: the participant page with the code filled in."""
        return f"{self.participant_url}?kod={self.code}"

    @property
    def trainer_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tranare?nyckel={self.trainer_key}"

    def banner(self, *, qr: bool = True) -> str:
        """What the command prints: address, QR code, workshop code, trainer link, where the data lie."""
        lines = [
            ("Fortsätter workshopen i" if self.continued else "Ny workshop i") + f" {self.store.path.resolve()}",
            f"Ärenden: {', '.join(self.vignettes)}",
            "",
            f"Deltagarnas adress: {self.participant_url}",
            f"Workshopkod:        {self.code}",
        ]
        if self.host == "127.0.0.1":
            lines.append("Lyssnar bara på den här datorn (127.0.0.1). Starta med --lan för att telefoner på samma "
                         "nätverk ska nå sidan.")
        else:
            lines.append(f"Lyssnar på det lokala nätverket ({self.host}:{self.port}): alla på nätverket kan öppna "
                         "deltagarsidan, men bara den som har koden kan svara.")
        lines += ["", "Utbildarens sida (projektorn; visa inte länken):", f"  {self.trainer_url}", ""]
        if qr:
            buffer = io.StringIO()
            segno.make(self.join_url, error="m").terminal(out=buffer, compact=True, border=2)
            lines += [f"QR-kod till {self.join_url}:", buffer.getvalue()]
        lines.append(f"Svaren sparas i {self.store.path.resolve()}; ta bort filen (och -wal/-shm bredvid) när "
                     "workshopen är slut. Avsluta servern med Ctrl+C.")
        return "\n".join(lines)


def lan_address() -> str:
    """This computer's address on the local network (127.0.0.1 when it has none).

    Asks the operating system which interface would route to a public
    address; a UDP socket's connect sends nothing.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never answered, only routed
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def prepare(db: str | Path = DEFAULT_DB, *, vignettes=("jamila",), lan: bool = False, port: int = DEFAULT_PORT,
            short_form: bool = False, lang: str = "sv") -> Workshop:
    """Create the workshop file, or continue the one at ``db`` (same code and key), with ``vignettes`` in it.

    Raises ValueError naming an unknown vignette and the ones there are.
    """
    texts = load_vignette_texts()
    unknown = [v for v in vignettes if v not in texts]
    if unknown:
        raise ValueError(f"unknown vignette(s) {', '.join(unknown)}; allowed: {', '.join(texts)}")
    if lang not in ("sv", "en"):
        raise ValueError(f"lang {lang!r} is not allowed; allowed: sv, en")
    path = Path(db)
    continued = path.exists()
    store = SqliteStore(path)
    code = store.ensure_setting("code", new_code)
    key = store.ensure_setting("trainer_key", lambda: secrets.token_urlsafe(18))
    store.set_setting("short_form", "1" if short_form else "0")
    store.set_setting("lang", lang)
    store.add_vignettes(vignettes)
    host = "0.0.0.0" if lan else "127.0.0.1"
    public = lan_address() if lan else "127.0.0.1"
    return Workshop(store, host, int(port), public, code, key, tuple(v for v, _ in store.vignettes()), continued)


def serve(workshop: Workshop, *, threads: int = 8) -> None:
    """Serve ``workshop`` until interrupted (waitress, ``threads`` worker threads)."""
    app = create_app(workshop.store, participant_url=workshop.participant_url)
    waitress.serve(app, host=workshop.host, port=workshop.port, threads=threads, ident="webbkollen",
                   max_request_body_size=64 * 1024, channel_timeout=30, clear_untrusted_proxy_headers=True)
