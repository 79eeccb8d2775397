"""The options that name a Parquet input's columns, shared by every batch route."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from summarizer.batch.parquet_inputs import ParquetColumns

_PANEL = "Parquet input"

TextColumnOpt = Annotated[
    str | None,
    typer.Option(
        "--text-column",
        help="Column of a .parquet input holding the article text [default: text].",
        metavar="NAME",
        rich_help_panel=_PANEL,
    ),
]
IdColumnOpt = Annotated[
    str | None,
    typer.Option(
        "--id-column",
        help="Column of unique ids [default: id if present, else row-N].",
        metavar="NAME",
        rich_help_panel=_PANEL,
    ),
]
UrlColumnOpt = Annotated[
    str | None,
    typer.Option(
        "--url-column", help="Column of article URLs.", metavar="NAME", rich_help_panel=_PANEL
    ),
]
TitleColumnOpt = Annotated[
    str | None,
    typer.Option(
        "--title-column", help="Column of titles.", metavar="NAME", rich_help_panel=_PANEL
    ),
]
DateColumnOpt = Annotated[
    str | None,
    typer.Option(
        "--date-column",
        help="Column of publication dates (ISO 8601 text or dates).",
        metavar="NAME",
        rich_help_panel=_PANEL,
    ),
]


def parquet_columns(
    text: str | None, id: str | None, url: str | None, title: str | None, date: str | None
) -> ParquetColumns | None:
    """The columns named on the command line; None when no column option was given."""
    if not any((text, id, url, title, date)):
        return None
    from summarizer.batch.parquet_inputs import ParquetColumns

    return ParquetColumns(text=text or "text", id=id, url=url, title=title, date=date)
