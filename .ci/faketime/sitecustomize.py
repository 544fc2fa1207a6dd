"""Put on PYTHONPATH by .ci/dates.sh only, for the runs with the date moved by libfaketime.

libfaketime 0.9.10 (Debian 12) turns clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME),
which ``time.sleep`` uses, into EINVAL. A timed wait on an event sleeps just as long and
goes through pthread_cond_timedwait/sem_timedwait, which libfaketime passes through
unchanged with FAKETIME_DONT_FAKE_MONOTONIC=1 and FAKETIME_FORCE_MONOTONIC_FIX=0."""

from __future__ import annotations

import os
import threading
import time

if os.environ.get("FAKETIME"):

    def _sleep(seconds: float) -> None:
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        threading.Event().wait(seconds)

    time.sleep = _sleep
