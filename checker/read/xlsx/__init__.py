"""The Excel fill-in form: written by :func:`write_form`, read back by :func:`load_xlsx` (see ``layout``)."""

from checker.read.xlsx.reader import load_xlsx
from checker.read.xlsx.writer import write_form

__all__ = ["load_xlsx", "write_form"]
