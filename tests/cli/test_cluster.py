"""ingest --scheduler: spaCy on the workers of a real Dask cluster stores what a local ingest stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from newscorpus.ingest import analysis, pipeline
from tests.conftest import SEEDS, db_content, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two single-threaded worker processes, as `dask worker --nworkers 2 --nthreads 1` starts."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_cluster_ingest_stores_what_a_local_ingest_stores(
    cluster: LocalCluster, seeds_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "cluster.db"
    result = run_cli("ingest", SEEDS, "--db", db, "--scheduler", cluster.scheduler_address)
    assert "added 5, replaced 0, unchanged 0, failed 0" in result.stderr
    local, on_cluster = db_content(seeds_db), db_content(db)
    assert local == on_cluster
    assert len(local["mentions"]) > 200 and len(local["claims"]) > 20


def test_each_worker_loads_the_model_once_and_does_a_share(
    cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pipeline, "COMMIT_EVERY", 1)  # five batches for two workers
    run_cli("ingest", SEEDS, "--db", tmp_path / "t.db", "--scheduler", cluster.scheduler_address)
    with Client(cluster.scheduler_address) as client:
        loads = client.run(_pipeline_loads)
    assert len(loads) == 2
    # each loads the model once however many batches it gets; how the scheduler splits five
    # batches between two workers depends on the machine's load, so only "some" is asserted
    assert all(misses == 1 and calls >= 1 for misses, calls in loads.values())
    assert sum(calls for _, calls in loads.values()) >= 5


def _pipeline_loads() -> tuple[int, int]:
    """On a worker: (times the spaCy pipeline was loaded, times it was asked for)."""
    from newscorpus.nlp import extract as nlp

    info = nlp.load_pipeline.cache_info()
    return info.misses, info.hits + info.misses


def test_model_missing_on_the_workers_is_one_line(cluster: LocalCluster, tmp_path: Path) -> None:
    result = run_cli(
        "ingest", SEEDS, "--db", tmp_path / "t.db", "--scheduler", cluster.scheduler_address,
        "--model", "en_no_such_model", code=2,
    )  # fmt: skip
    assert "spaCy pipeline 'en_no_such_model' is not installed on worker(s) tcp://" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_scheduler_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(analysis, "CONNECT_TIMEOUT", 2)
    result = run_cli("ingest", SEEDS, "--db", tmp_path / "t.db", "--scheduler", "tcp://127.0.0.1:9", code=2)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2


def test_workers_and_scheduler_together_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("ingest", SEEDS, "--workers", "2", "--scheduler", "tcp://127.0.0.1:9", code=2)
    assert "not both" in result.stderr
