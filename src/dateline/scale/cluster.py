"""Which Dask cluster to run on: a given Client, a scheduler address, or a LocalCluster we own."""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

from ..errors import DatelineError

log = logging.getLogger(__name__)


def require_distributed():
    try:
        import distributed
    except ImportError as exc:  # the scale extra is optional
        raise DatelineError("Dask is not installed; run `pip install 'dateline[scale]'` "
                            "(dask + distributed)") from exc
    return distributed


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def open_client(client=None, scheduler: str | None = None, workers: int | None = None,
                processes: bool = True, **cluster_kwargs) -> Iterator[object]:
    """Yield a `distributed.Client`; close on exit only what was opened here.

    - `client`: use it as is (the caller owns it);
    - `scheduler`: connect to a running scheduler (`tcp://host:8786`);
    - otherwise start a LocalCluster of `workers` worker processes (default: one per CPU), each
      with one thread: spaCy work holds the GIL, so parallelism comes from processes, and one
      thread per process keeps one model copy doing one thing at a time.
    """
    if client is not None:
        yield client
        return
    distributed = require_distributed()
    if scheduler:
        try:
            c = distributed.Client(scheduler, timeout="30s")
        except OSError as exc:
            raise DatelineError(f"{scheduler}: cannot reach the Dask scheduler ({exc}); "
                                "check the address and that `dask scheduler` runs there") from exc
        try:
            yield c
        finally:
            c.close()
        return
    kwargs = dict(n_workers=workers or default_workers(), threads_per_worker=1,
                  processes=processes, dashboard_address=None, silence_logs=logging.ERROR)
    kwargs.update(cluster_kwargs)
    log.debug("starting LocalCluster %s", kwargs)
    with _quiet(kwargs["silence_logs"]), distributed.LocalCluster(**kwargs) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@contextlib.contextmanager
def _quiet(level: int) -> Iterator[None]:
    """Hold distributed's loggers at `level` while our own cluster runs: its scheduler lives in
    this process and logs every worker start and stop at INFO on stderr (distributed installs
    its own handler, so the level set by `dateline -v` does not reach it)."""
    logger = logging.getLogger("distributed")
    before = logger.level
    if not logging.getLogger("dateline").isEnabledFor(logging.DEBUG):
        logger.setLevel(max(level, before))
    try:
        yield
    finally:
        logger.setLevel(before)
