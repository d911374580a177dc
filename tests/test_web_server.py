"""The workshop server for real: 60 phones at once, a server killed mid-write, the command line.

Each test starts ``webbkollen workshop`` in a subprocess on 127.0.0.1 and
talks HTTP to it, as participants' phones do.
"""

from __future__ import annotations

import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from webbkollen_lib.teaching.store import SqliteStore
from webserver import ROOT, Participant, Server, free_port, running, trainer

pytestmark = pytest.mark.slow

RISKS = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog", "inte_kant"]


def test_sixty_participants_at_once_are_each_stored_exactly_once_and_shown(tmp_path):
    with running(tmp_path / "w.sqlite") as server:
        phones = [Participant(server.port) for _ in range(60)]
        barrier = threading.Barrier(60)

        def one(i):
            phone = phones[i]
            assert phone.open() == 200
            barrier.wait()  # every phone sends at the same moment
            return phone.answer(server.code, "Anna" if i % 2 else f"Deltagare {i}", RISKS[i % 4],
                                motivering=f"svar {i}")

        with ThreadPoolExecutor(60) as pool:
            statuses = list(pool.map(one, range(60)))
        assert statuses == [303] * 60
        boss = trainer(server)
        status, _, page = boss.request("GET", "/projektor?vinjett=jamila&vy=resultat")
        assert status == 200 and "60 har svarat" in page
        state = boss.request("GET", "/api/status")[2]
        assert '"answers":60' in state.replace(" ", "")
    answers = SqliteStore(tmp_path / "w.sqlite").answers("jamila")
    assert len(answers) == 60
    assert sorted(answers["motivering"]) == sorted(f"svar {i}" for i in range(60)), "each answer once, none lost"
    annas = sorted(n for n in answers["bedomare"] if n.startswith("Anna"))
    assert annas == sorted(["Anna"] + [f"Anna ({k})" for k in range(2, 31)]), "thirty Annas are thirty participants"


def test_a_server_killed_during_submissions_loses_no_acknowledged_answer_and_duplicates_none(tmp_path):
    db = tmp_path / "w.sqlite"
    port = free_port()
    server = Server(db, port).start()
    code = server.code
    acknowledged: dict[str, list[str]] = {}  # phone -> the motivations the server confirmed, in order
    attempted: dict[str, list[str]] = {}
    stop = threading.Event()
    lock = threading.Lock()

    def keep_answering(i):
        phone = Participant(port, timeout=5)
        name = f"p{i}"
        try:
            phone.open()
        except OSError:
            return name, phone
        n = 0
        while not stop.is_set():
            n += 1
            text = f"{name} svar {n}"
            with lock:
                attempted.setdefault(name, []).append(text)
            try:
                status = phone.answer(code, name, random.choice(RISKS[:4]), motivering=text)
            except OSError:  # the server is gone
                break
            if status == 303:
                with lock:
                    acknowledged.setdefault(name, []).append(text)
        return name, phone

    with ThreadPoolExecutor(20) as pool:
        futures = [pool.submit(keep_answering, i) for i in range(20)]
        time.sleep(1.5)
        server.kill()  # kill -9 in the middle of the submissions
        stop.set()
        phones = dict(f.result() for f in futures)
    assert sum(len(v) for v in acknowledged.values()) >= 20, "the server took answers before it was killed"

    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = SqliteStore(db)
    stored = store.answers("jamila")
    by_name = dict(zip(stored["bedomare"], stored["motivering"]))
    assert len(stored) == len(set(stored["bedomare"])), "one answer per participant, no duplicates"
    for name, texts in acknowledged.items():
        assert name in by_name, f"{name}'s acknowledged answer is lost"
        tried = attempted[name]
        # the stored answer is the last acknowledged one, or a later one that was committed
        # just before the kill without its receipt reaching the phone
        assert tried.index(by_name[name]) >= tried.index(texts[-1]), (name, by_name[name], texts[-1])

    restarted = Server(db, port).start()
    try:
        assert restarted.code == code, "the restarted server continues the same workshop"
        assert "Fortsätter workshopen" in restarted.banner
        phone = phones["p0"]
        assert phone.answer(code, "p0", "hog", motivering="efter omstart") == 303
        assert SqliteStore(db).answer_of(phone.cookies["wk_enhet"], "jamila")["motivering"] == "efter omstart"
        assert SqliteStore(db).count("jamila") == len(stored), "a correction after the restart adds no row"
    finally:
        restarted.stop()


def test_the_command_prints_address_qr_code_workshop_code_and_trainer_link(tmp_path):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "webbkollen_lib", "workshop", "--db", str(tmp_path / "w.sqlite"),
                                "--port", str(port), "--vinjett", "jamila", "--vinjett", "max"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
                               env={"PYTHONPATH": str(ROOT), "PATH": ""})
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Ctrl+C" in line:
                break
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
    banner = "".join(lines)
    assert f"Deltagarnas adress: http://127.0.0.1:{port}/" in banner
    assert re.search(r"Workshopkod:\s+[A-HJ-NP-Z2-9]{5}\n", banner)
    assert re.search(rf"http://127.0.0.1:{port}/tranare\?nyckel=\S{{20,}}", banner)
    assert "Ärenden: jamila, max" in banner and "QR-kod till" in banner
    assert len(re.findall(r"[\u2580-\u259f]", banner)) > 100, "a QR code in block characters"


def test_the_command_refuses_an_unknown_vignette_with_exit_status_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "webbkollen_lib", "workshop", "--db", str(tmp_path / "w.sqlite"),
                           "--vinjett", "drakar"], capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert "webbkollen workshop: unknown vignette(s) drakar; allowed: assi, max, jamila" in done.stderr
