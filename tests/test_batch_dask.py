"""The batch runner on dask.distributed: the same reports as on the runner's own process pool.

``run_batch`` takes any ``concurrent.futures`` executor; dask gives one with
``Client.get_executor()``. A ``LocalCluster`` of two worker processes (one
thread each, as docs/batch.md advises) stands in for a cluster of machines:
each worker process keeps its own warm kernel, as a remote worker would.
The reports, made from the test fixtures, must be the process pool's: the
same files, the HTML byte for byte and the notebooks apart from papermill's
timings. ``webbkollen batch --scheduler`` runs against the same cluster.

The cluster is closed however the tests end (the fixture's ``with``
blocks). It listens on 127.0.0.1, on ports the system picks, without a
dashboard, so test processes running side by side (pytest-xdist) cannot
collide.
"""

from __future__ import annotations

import dask
import pytest
from distributed import Client, LocalCluster

from webbkollen_lib.cli import main
from webbkollen_lib.reports import warm_kernel
from webbkollen_lib.reports.batch import run_batch

from test_batch import ALL_2017, DATA, NOTEBOOK, without_timings

pytestmark = pytest.mark.slow

UNREACHABLE = "tcp://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("dask-scratch")
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
        local_directory=str(scratch),
    ) as cluster, Client(cluster) as client:
        try:
            yield client
        finally:
            # the warm kernels the worker processes kept: shut down before their workers go
            client.run(warm_kernel.shutdown)


@pytest.fixture(scope="module")
def pool_batch(tmp_path_factory):
    """The reference: the runner's own process pool of two processes, a warm kernel each."""
    out = tmp_path_factory.mktemp("pool") / "reports"
    return run_batch(DATA, notebook=NOTEBOOK, out=out, workers=2, progress=False)


@pytest.fixture(scope="module")
def dask_batch(tmp_path_factory, client):
    out = tmp_path_factory.mktemp("dask") / "reports"
    return run_batch(DATA, notebook=NOTEBOOK, out=out, executor=client.get_executor(pure=False), progress=False)


def report_files(out) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def assert_same_reports(out, reference) -> None:
    """Same files; reports byte for byte, notebooks apart from timings (the index and marker carry times)."""
    assert report_files(out) == report_files(reference)
    pages = [p for p in reference.glob("*.html") if p.name != "index.html"]
    assert len(pages) == len(ALL_2017)
    for page in pages:
        assert (out / page.name).read_bytes() == page.read_bytes(), page.name
    for notebook in (reference / "notebooks").glob("*.ipynb"):
        assert without_timings(out / "notebooks" / notebook.name) == without_timings(notebook), notebook.name


def test_a_batch_on_a_dask_cluster_makes_the_process_pools_reports(dask_batch, pool_batch):
    assert dask_batch.ok and pool_batch.ok
    assert dask_batch.reports["kommun"].tolist() == pool_batch.reports["kommun"].tolist() == ALL_2017
    assert_same_reports(dask_batch.out, pool_batch.out)


def test_the_dask_workers_ran_the_reports_in_their_own_warm_kernels(client, dask_batch):
    uses = client.run(lambda: sum(k.uses for k in warm_kernel.POOL.kernels()))
    assert len(uses) == 2, "two worker processes"
    assert sum(uses.values()) >= len(ALL_2017), "every report ran in a worker's pooled kernel"
    assert max(uses.values()) >= 2, "a kernel was reused"


def test_cli_runs_the_batch_on_a_dask_scheduler(client, pool_batch, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(["batch", "--data", str(DATA), "--notebook", str(NOTEBOOK), "--out", str(out),
                 "--scheduler", client.scheduler.address, "--no-progress"])
    stdout = capsys.readouterr().out
    assert code == 0, stdout
    assert "4 av 4 rapporter klara." in stdout
    assert_same_reports(out, pool_batch.out)


def test_cli_refuses_a_scheduler_it_cannot_reach_before_anything_runs(tmp_path, capsys):
    out = tmp_path / "reports"
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):  # dask's default is 30 s
        code = main(["batch", "--data", str(DATA), "--notebook", str(NOTEBOOK), "--out", str(out),
                     "--scheduler", UNREACHABLE, "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"cannot reach the dask scheduler at {UNREACHABLE}" in err
    assert not out.exists(), "nothing ran"


def test_cli_checks_the_parameters_before_it_connects(tmp_path, capsys):
    code = main(["batch", "--data", str(DATA), "--notebook", str(NOTEBOOK), "--out", str(tmp_path / "r"),
                 "--min-cell", "0", "--scheduler", UNREACHABLE, "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert "min_cell: 0 is not allowed" in err and "scheduler" not in err
