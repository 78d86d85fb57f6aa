"""``python -m checker``: the same as the ``checker`` command."""

from checker.cli.main import checker_main

if __name__ == "__main__":
    checker_main(prog_name="checker")
