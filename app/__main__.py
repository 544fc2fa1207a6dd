"""`python -m app`: the headless commands (the GUI starts from `utvag`)."""

from app.cli import main

main()
