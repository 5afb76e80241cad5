"""CLI docs: renders docs/cli.md from the Typer app, so the reference never drifts.

Owns: the generated command reference. `make docs` writes it; a test checks it is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

NOTE = "<!-- Generated from src/readouts/cli.py by `make docs`; do not edit by hand. -->\n\n"


def render_cli_docs() -> str:
    import typer
    from typer import _click as click  # typer vendors click; pinned in pyproject
    from typer.cli import get_docs_for_click

    from .cli import app

    command = typer.main.get_command(app)
    docs = get_docs_for_click(
        obj=command, ctx=click.Context(command), name="readouts", title="CLI reference"
    )
    return NOTE + docs.strip() + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/cli.md")
    target.write_text(render_cli_docs(), encoding="utf-8")
