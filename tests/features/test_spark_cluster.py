"""The Spark path on a real standalone cluster — a master and two workers started here from the pyspark
distribution (1 core, 1 GB each; the machine has 2 cores) — not local mode: features equal DuckDB's.

The session is configured only through the environment a deployment would use (LABORMAP_SPARK_MASTER,
LABORMAP_SPARK_CONF), so this also tests that nothing in the code pins local mode or the driver's memory.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from labormap.features import FEATURES, compute_features
from labormap.warehouse import Warehouse
from tests.conftest import require
from tests.features.test_spark_conformance import AS_OF, world  # noqa: F401  (the shared small world)

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"Spark process exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require(shutil.which("java") is not None, "Spark needs Java (apt-get install openjdk-17-jre-headless)")
    import pyspark

    home = Path(pyspark.__file__).parent
    logs = tmp_path_factory.mktemp("spark-cluster")
    env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    env["SPARK_WORKER_DIR"] = str(logs / "work")
    port = _free_port()
    procs: list[subprocess.Popen[bytes]] = []

    def start(name: str, *args: str) -> subprocess.Popen[bytes]:
        out = (logs / f"{name}.log").open("wb")
        p = subprocess.Popen(
            [str(home / "bin" / "spark-class"), *args], env=env, stdout=out, stderr=subprocess.STDOUT
        )
        procs.append(p)
        return p

    try:
        master = start(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--webui-port",
            str(_free_port()),
        )
        _wait_port(port, master)
        url = f"spark://127.0.0.1:{port}"
        for i in (1, 2):
            start(
                f"worker{i}",
                "org.apache.spark.deploy.worker.Worker",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--host",
                "127.0.0.1",
                "--webui-port",
                str(_free_port()),
                url,
            )
        yield url
    finally:
        for p in reversed(procs):  # only the processes this fixture started
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture(scope="module")
def cluster_spark(cluster: str) -> Iterator[Any]:
    from labormap.features.sources import spark_session

    mp = pytest.MonkeyPatch()
    mp.setenv("LABORMAP_SPARK_MASTER", cluster)
    mp.setenv("LABORMAP_SPARK_CONF", "spark.executor.memory=512m;spark.executor.cores=1;spark.cores.max=2")
    session = spark_session("labormap-cluster-test")
    try:
        # wait until both workers have registered an executor with this application
        sc = session.sparkContext
        end = time.monotonic() + 90
        while (
            len(sc._jsc.sc().statusTracker().getExecutorInfos()) < 3 and time.monotonic() < end
        ):  # driver + 2
            time.sleep(1)
        yield session
    finally:
        session.stop()
        mp.undo()


def test_runs_on_the_standalone_cluster_not_local(cluster: str, cluster_spark: Any) -> None:
    sc = cluster_spark.sparkContext
    assert sc.master == cluster and not sc.master.startswith("local")
    assert len(sc._jsc.sc().statusTracker().getExecutorInfos()) == 3  # the driver and one executor per worker
    hosts = sc.parallelize(range(8), 4).map(lambda _x: os.getpid()).distinct().count()
    assert hosts >= 2  # the work ran in more than one executor process
    assert cluster_spark.conf.get("spark.executor.memory") == "512m"


def test_cluster_features_equal_duckdb(world: Warehouse, cluster_spark: Any) -> None:  # noqa: F811
    duck = compute_features(world, AS_OF, "duckdb")
    sp = compute_features(world, AS_OF, "spark", spark=cluster_spark)
    assert duck.num_rows > 100 and duck.schema.equals(sp.schema)
    for col in ("employer_bin", "as_of", "region", "sector"):
        assert duck.column(col).to_pylist() == sp.column(col).to_pylist(), col
    for f in FEATURES:
        a = duck.column(f.name).to_numpy(zero_copy_only=False)
        b = sp.column(f.name).to_numpy(zero_copy_only=False)
        assert np.array_equal(np.isnan(a), np.isnan(b)), f"{f.name}: NULLs differ"
        m = ~np.isnan(a)
        assert np.allclose(a[m], b[m], rtol=1e-9, atol=1e-9), f"{f.name}: values differ"


def test_spark_conf_from_env_parses_and_refuses_junk() -> None:
    from labormap.features.sources import spark_conf_from_env

    got = spark_conf_from_env({"LABORMAP_SPARK_CONF": "spark.a=1; spark.b = x\nspark.c=2"})
    assert got == {"spark.a": "1", "spark.b": "x", "spark.c": "2"}
    with pytest.raises(ValueError, match=r"spark\.key=value"):
        spark_conf_from_env({"LABORMAP_SPARK_CONF": "driver.memory=2g"})
