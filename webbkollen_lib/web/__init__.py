"""The live agreement test over the web: ``webbkollen workshop``.

:mod:`.app` is the WSGI application (participant pages, the projector page,
exports), :mod:`.server` starts it with waitress and prints the address, QR
code, workshop code and trainer key. Answers are kept in a SQLite file
(:class:`webbkollen_lib.teaching.store.SqliteStore`); what the projector shows
is computed by :mod:`webbkollen_lib.teaching.live`. See ``docs/workshop.md``.
"""
