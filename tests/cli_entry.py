"""The ``utvag`` command line for tests that run it as a subprocess
(``[*tests.conftest.CLI, "vault", "init", ...]``): the same ``app.cli.run`` as the
product, with the cheap test KDF chosen in code before it starts. Production has no
switch for this, neither an option nor an environment variable."""

from __future__ import annotations

import sys

from app.cli import run
from app.crypto import kdf

if __name__ == "__main__":
    kdf.use_params(kdf.TEST_PARAMS)
    sys.exit(run(sys.argv[1:]))
