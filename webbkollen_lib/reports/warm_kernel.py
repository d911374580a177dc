"""A papermill engine that reuses warm Jupyter kernels between notebooks.

Papermill starts a fresh kernel for every notebook. For a batch of short
reports most of the time then goes into each new kernel importing pandas,
seaborn and statsmodels (about 2 s per report on a laptop core). Papermill
has no engine that keeps kernels (papermill issues #326 and #583 ask for
one); this module adds it.

:class:`WarmKernelEngine` is registered with papermill as ``"webbkollen_warm"``
(``papermill.execute_notebook(..., engine_name="webbkollen_warm")``). It is
papermill's own :class:`~papermill.engines.NBClientEngine` with two changes:
instead of starting a kernel it borrows one from a per-process pool, and
hands it back afterwards; and it writes the output notebook once, when the
notebook ends, where papermill writes it as every cell starts and ends. A
pooled kernel is started the way nbclient starts a fresh one, then preloads
the usual modules, takes a snapshot of the state a fresh kernel has and
freezes what it holds out of the garbage collector's sight (``gc.freeze``,
so that the full collection of each reset stays cheap). Before each notebook
it is put back into that state:

* user namespace, ``In``/``Out`` history and the execution counter
  (``InteractiveShell.reset(new_session=True)``, i.e. ``%reset -f`` plus
  a new history session, so execution counts restart at 1);
* matplotlib: every figure closed, ``rcParams`` (hence any seaborn theme)
  restored to the fresh kernel's values, the unit-converter registry, and the
  inline backend's settings (``%config InlineBackend...``);
* working directory (the one a fresh kernel would start in), ``sys.argv``,
  ``sys.path``, ``os.environ`` (and the time zone), the locale, ``warnings``
  filters and their once-only registries, the root logger's handlers and
  level, IPython event callbacks and display formatters;
* pandas options (``pandas.reset_option("all")``), numpy print options and
  floating-point error handling; the global ``random`` and numpy random
  generators are reseeded from OS entropy, as a fresh kernel's are.

Anything else a notebook changes inside an already imported module stays
changed (a monkeypatch, a cache, a thread it started): see ``docs/batch.md``.
A notebook that fails, times out or kills its kernel is not a problem for the
next one: a kernel is returned to the pool only after a notebook finished
normally (cell errors included, which leave the kernel healthy), and it is
recycled after ``warm_max_uses`` notebooks.

Kernels belong to the thread that borrowed them (their ZeroMQ sockets are tied
to that thread's event loop); a kernel whose thread has ended is adopted by
the next thread. In a process pool each worker process keeps its own kernel,
and the kernels are shut down when the process exits.

Examples
--------
>>> import papermill as pm
>>> import webbkollen_lib.reports.warm_kernel  # registers the engine   # doctest: +SKIP
>>> pm.execute_notebook("in.ipynb", "out.ipynb", parameters={"kommun": "Umeå"},
...                     engine_name="webbkollen_warm")        # doctest: +SKIP
"""

from __future__ import annotations

import atexit
import inspect
import multiprocessing.util
import os
import queue
import textwrap
import threading
import time
from dataclasses import dataclass

from jupyter_core.utils import ensure_async, run_sync
from nbclient import NotebookClient
from nbformat.v4 import new_notebook
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

ENGINE_NAME = "webbkollen_warm"

#: Modules a pooled kernel imports when it starts, so that reports do not pay
#: for them. A module that cannot be imported is skipped: preloading only
#: saves time, and a report that needs it fails in its own cell as it would in
#: a fresh kernel.
DEFAULT_PRELOAD = (
    "numpy",
    "pandas",
    "matplotlib.pyplot",
    "seaborn",
    "scipy.stats",
    "statsmodels.api",
    "webbkollen_lib",
)

#: A kernel is replaced by a new one after this many notebooks, so that slow
#: leaks (memory, caches) cannot build up over a national run.
DEFAULT_MAX_USES = 100

#: Seconds allowed for the state reset between two notebooks.
RESET_TIMEOUT = 60


class KernelResetError(RuntimeError):
    """A pooled kernel could not be put back into its fresh state."""


# --------------------------------------------------------------------------
# code that runs inside the kernel
# --------------------------------------------------------------------------


def _kernel_install(preload):  # pragma: no cover - executed inside the kernel
    """Preload modules, snapshot the fresh state and install ``reset(cwd)``.

    Runs inside a just-started kernel (its source is sent there). It must be
    self-contained: the kernel has nothing of ours imported. The snapshot and
    the reset function live in the module ``_webbkollen_warm`` in
    ``sys.modules``, which survives ``%reset``.
    """
    import importlib
    import locale
    import logging
    import os
    import random
    import sys
    import time
    import types
    import warnings

    for name in preload:
        try:
            importlib.import_module(name)
        except Exception:
            pass
    ip = get_ipython()  # noqa: F821 - defined in every IPython kernel
    if "matplotlib.pyplot" in sys.modules:
        # A fresh kernel loads the inline backend at the first figure, which
        # changes rcParams and display formatters: do it now, before the
        # snapshot, so that the snapshot is what a report would see.
        plt = sys.modules["matplotlib.pyplot"]
        plt.switch_backend(sys.modules["matplotlib"].get_backend())

    def snapshot():
        state = types.SimpleNamespace()
        state.environ = dict(os.environ)
        state.path = list(sys.path)
        state.argv = list(sys.argv)
        state.locale = locale.setlocale(locale.LC_ALL)
        state.filters = list(warnings.filters)
        state.showwarning = warnings.showwarning
        root = logging.getLogger()
        state.log_handlers, state.log_level = list(root.handlers), root.level
        state.events = {name: list(cbs) for name, cbs in ip.events.callbacks.items()}
        state.formatters = {
            mime: (
                dict(f.type_printers),
                dict(f.deferred_printers),
                dict(getattr(f, "singleton_printers", {})),
                f.enabled,
            )
            for mime, f in ip.display_formatter.formatters.items()
        }
        state.mpl = None
        if "matplotlib" in sys.modules:
            mpl = sys.modules["matplotlib"]
            import matplotlib.units

            rc = dict(mpl.rcParams.copy())
            rc.pop("backend", None)
            state.mpl = (rc, dict(matplotlib.units.registry))
        state.inline = None
        if "matplotlib_inline.config" in sys.modules:
            cfg = sys.modules["matplotlib_inline.config"].InlineBackend.instance()
            state.inline = {name: getattr(cfg, name) for name in cfg.trait_names(config=True)}
        state.numpy = None
        if "numpy" in sys.modules:
            np = sys.modules["numpy"]
            state.numpy = (np.get_printoptions(), np.geterr())
        return state

    fresh = snapshot()

    def reset(cwd):
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        backend_inline = sys.modules.get("matplotlib_inline.backend_inline")
        if backend_inline is not None:
            backend_inline.show._to_draw = []
            backend_inline.show._draw_called = False

        os.chdir(cwd)
        if dict(os.environ) != fresh.environ:
            tz = os.environ.get("TZ")
            os.environ.clear()
            os.environ.update(fresh.environ)
            if tz != os.environ.get("TZ") and hasattr(time, "tzset"):
                time.tzset()
        sys.path[:] = fresh.path
        sys.argv[:] = fresh.argv
        if locale.setlocale(locale.LC_ALL) != fresh.locale:
            locale.setlocale(locale.LC_ALL, fresh.locale)

        warnings.filters[:] = fresh.filters
        warnings.showwarning = fresh.showwarning
        warnings._filters_mutated()  # invalidates every module's "already warned" registry
        warnings.onceregistry.clear()
        root = logging.getLogger()
        root.handlers[:] = fresh.log_handlers
        root.setLevel(fresh.log_level)

        if fresh.inline is not None:
            cfg = sys.modules["matplotlib_inline.config"].InlineBackend.instance()
            for name, value in fresh.inline.items():
                if getattr(cfg, name) != value:
                    setattr(cfg, name, value)
        for name, cbs in fresh.events.items():
            ip.events.callbacks[name][:] = cbs
        for mime, (types_, deferred, singletons, enabled) in fresh.formatters.items():
            formatter = ip.display_formatter.formatters[mime]
            formatter.type_printers.clear()
            formatter.type_printers.update(types_)
            formatter.deferred_printers.clear()
            formatter.deferred_printers.update(deferred)
            if hasattr(formatter, "singleton_printers"):
                formatter.singleton_printers.clear()
                formatter.singleton_printers.update(singletons)
            formatter.enabled = enabled
        if fresh.mpl is not None:
            import matplotlib.units

            rc, units = fresh.mpl
            # as matplotlib's own rc_context restores: no validation, no warnings
            dict.update(sys.modules["matplotlib"].rcParams, rc)
            matplotlib.units.registry.clear()
            matplotlib.units.registry.update(units)

        if "pandas" in sys.modules:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sys.modules["pandas"].reset_option("all")
        if fresh.numpy is not None:
            np = sys.modules["numpy"]
            printoptions, err = fresh.numpy
            np.set_printoptions(**printoptions)
            np.seterr(**err)
            np.random.seed()
        random.seed()

        ip.reset(new_session=True)

    sys.modules["_webbkollen_warm"] = types.SimpleNamespace(reset=reset)
    # IPython's reset ends in a full gc.collect(), which walks every object
    # the preloaded modules made (about 50 ms of each report's time). Those
    # live as long as the kernel, so they are moved out of the collector's
    # sight; what a report allocates is collected as before.
    import gc

    gc.collect()
    gc.freeze()


_KERNEL_INSTALL_SOURCE = textwrap.dedent(inspect.getsource(_kernel_install))


# --------------------------------------------------------------------------
# the pool
# --------------------------------------------------------------------------


@dataclass(eq=False)
class WarmKernel:
    """A started kernel with its client, borrowed by one thread at a time."""

    key: tuple
    km: object
    kc: object
    uses: int = 0
    owner: threading.Thread | None = None
    busy: bool = False

    def run_silently(self, code: str, timeout: float = RESET_TIMEOUT) -> None:
        """Execute ``code`` without output or history; raise on error or timeout."""
        content = run_sync(_run_silently)(self.kc, code, timeout)
        if content.get("status") != "ok":
            trace = "\n".join(content.get("traceback", []))
            raise KernelResetError(f"{content.get('ename')}: {content.get('evalue')}\n{trace}")

    def reset(self, cwd: str) -> None:
        """Put the kernel back into the state of a fresh kernel started in ``cwd``."""
        self.run_silently(f"__import__('sys').modules['_webbkollen_warm'].reset({str(cwd)!r})")

    def shutdown(self) -> None:
        try:
            run_sync(_shutdown)(self.km, self.kc)
        except Exception:  # a dead kernel needs no shutting down
            logger.debug("shutting down a warm kernel failed", exc_info=True)


async def _run_silently(kc, code: str, timeout: float) -> dict:
    msg_id = await ensure_async(kc.execute(code, silent=True, store_history=False, allow_stdin=False))
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise KernelResetError(f"the kernel did not answer within {timeout} s")
        try:
            msg = await ensure_async(kc.get_shell_msg(timeout=min(remaining, 1.0)))
        except queue.Empty:
            if not await ensure_async(kc.is_alive()):
                raise KernelResetError("the kernel died") from None
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


async def _shutdown(km, kc) -> None:
    kc.stop_channels()
    # a pooled kernel holds nothing worth a graceful goodbye, and one that is
    # being discarded may not answer one
    await ensure_async(km.shutdown_kernel(now=True))


class KernelPool:
    """Warm kernels of one process, keyed by kernel name and preload list.

    Thread-safe. :meth:`checkout` hands out an idle kernel of the calling
    thread (or of a thread that has ended), reset to a fresh state, or starts
    a new one; :meth:`checkin` returns it, or shuts it down when it is not
    healthy or has been used ``max_uses`` times.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._kernels: list[WarmKernel] = []

    def kernels(self) -> tuple[WarmKernel, ...]:
        """The kernels of this pool now (busy or idle)."""
        with self._lock:
            return tuple(self._kernels)

    def checkout(
        self, kernel_name: str, *, cwd: str, preload=DEFAULT_PRELOAD, startup_timeout: float = 60, config=None
    ) -> WarmKernel:
        """A kernel reset to a fresh state in ``cwd``; ``config`` (traitlets) is for starting a new one."""
        key = (kernel_name, tuple(preload))
        me = threading.current_thread()
        while True:
            with self._lock:
                kernel = next(
                    (
                        k
                        for k in self._kernels
                        if k.key == key and not k.busy and (k.owner is me or k.owner is None or not k.owner.is_alive())
                    ),
                    None,
                )
                if kernel is not None:
                    kernel.busy, kernel.owner = True, me
            if kernel is None:
                kernel = self._start(key, startup_timeout, config)
                with self._lock:
                    self._kernels.append(kernel)
            try:
                kernel.reset(cwd)
                return kernel
            except KernelResetError:
                # A kernel that cannot be reset is not reused; a new one must
                # work, or the error is real (e.g. cwd does not exist).
                logger.warning("discarding a warm kernel that failed to reset", exc_info=True)
                self._discard(kernel)
                if kernel.uses == 0:
                    raise

    def checkin(self, kernel: WarmKernel, *, healthy: bool, max_uses: int = DEFAULT_MAX_USES) -> None:
        kernel.uses += 1
        if healthy and kernel.uses < max_uses:
            with self._lock:
                kernel.busy = False
        else:
            self._discard(kernel)

    def shutdown(self) -> None:
        """Shut down every kernel of this pool (also called at process exit)."""
        with self._lock:
            kernels, self._kernels = self._kernels, []
        for kernel in kernels:
            kernel.shutdown()

    def _discard(self, kernel: WarmKernel) -> None:
        with self._lock:
            if kernel in self._kernels:
                self._kernels.remove(kernel)
        kernel.shutdown()

    @staticmethod
    def _start(key: tuple, startup_timeout: float, config=None) -> WarmKernel:
        kernel_name, preload = key
        # nbclient starts the kernel exactly as it does for a fresh-kernel run
        options = {} if config is None else {"config": config}
        starter = NotebookClient(new_notebook(), kernel_name=kernel_name, startup_timeout=startup_timeout, **options)
        starter.km = starter.create_kernel_manager()
        starter.start_new_kernel()
        starter.start_new_kernel_client()
        kernel = WarmKernel(key=key, km=starter.km, kc=starter.kc, owner=threading.current_thread(), busy=True)
        try:
            kernel.run_silently(f"{_KERNEL_INSTALL_SOURCE}\n_kernel_install({list(preload)!r})\ndel _kernel_install")
        except BaseException:
            kernel.shutdown()
            raise
        return kernel


#: The pool of this process.
POOL = KernelPool()
atexit.register(POOL.shutdown)
# multiprocessing workers leave through os._exit, which skips atexit
multiprocessing.util.Finalize(POOL, POOL.shutdown, exitpriority=10)


def shutdown() -> None:
    """Shut down the warm kernels of this process (:data:`POOL`).

    For workers that outlive a batch, such as a dask cluster's:
    ``client.run(warm_kernel.shutdown)`` runs it in every worker process. A
    later report starts a new kernel.
    """
    POOL.shutdown()


# --------------------------------------------------------------------------
# the papermill engine
# --------------------------------------------------------------------------


class _SaveWhenDone(NotebookExecutionManager):
    """Papermill's execution manager, writing the output notebook once, when the notebook ends.

    Papermill writes the whole notebook (validated and serialised anew) when
    every cell starts and again when it ends: for a short report with large
    outputs that costs more than running some of its cells. This manager
    writes only in :meth:`notebook_complete`, which papermill calls also
    when the execution fails (a dead kernel, a timeout, an interrupt), so the
    partly executed notebook is still written then.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._done = False

    def save(self, **kwargs):
        if kwargs.get("nb"):  # as papermill's catch_nb_assignment does
            self.nb = kwargs["nb"]
        if self._done:
            super().save()

    def notebook_complete(self, **kwargs):
        self._done = True
        super().notebook_complete(**kwargs)


class WarmKernelEngine(NBClientEngine):
    """Papermill's nbclient engine, running notebooks in pooled warm kernels.

    Extra engine keyword arguments (``papermill.execute_notebook(...,
    warm_preload=..., warm_max_uses=...)``): ``warm_preload``, the modules a
    new kernel imports (default :data:`DEFAULT_PRELOAD`), ``warm_max_uses``,
    after how many notebooks a kernel is replaced (default
    :data:`DEFAULT_MAX_USES`), and ``warm_save_every_cell``: papermill writes
    the output notebook when every cell starts and ends; this engine writes it
    once, when the notebook ends (normally or not), unless this is True.
    Everything else is as for papermill's default engine. The working
    directory is, as for a fresh nbclient kernel,
    ``resources["metadata"]["path"]`` when given, else the current directory;
    a ``config`` (traitlets) is used for the kernel managers of new kernels.
    """

    @classmethod
    def execute_notebook(
        cls,
        nb,
        kernel_name,
        output_path=None,
        progress_bar=True,
        log_output=False,
        autosave_cell_every=30,
        warm_save_every_cell=False,
        **kwargs,
    ):
        # papermill's Engine.execute_notebook with the manager chosen here
        manager = NotebookExecutionManager if warm_save_every_cell else _SaveWhenDone
        nb_man = manager(
            nb,
            output_path=output_path,
            progress_bar=progress_bar,
            log_output=log_output,
            autosave_cell_every=autosave_cell_every,
        )
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        warm_preload=DEFAULT_PRELOAD,
        warm_max_uses=DEFAULT_MAX_USES,
        **kwargs,
    ):
        # the same argument handling as NBClientEngine.execute_managed_notebook
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        resources = kwargs.get("resources") or {}
        cwd = resources.get("metadata", {}).get("path") or os.getcwd()

        kernel = POOL.checkout(
            kernel_name, cwd=cwd, preload=warm_preload, startup_timeout=start_timeout, config=kwargs.get("config")
        )
        healthy = False
        try:
            client = PapermillNotebookClient(nb_man, km=kernel.km, **final_kwargs)
            client.kc = kernel.kc  # reuse the connected client: no new sockets per notebook
            nb = client.execute()
            healthy = True
            return nb
        finally:
            # a timeout, a dead kernel or an interrupt leaves the kernel in an
            # unknown state: only a normally finished notebook returns it
            POOL.checkin(kernel, healthy=healthy, max_uses=warm_max_uses)


papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
