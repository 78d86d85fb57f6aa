"""The Excel fill-in form: written by :func:`write_form`, read back by :func:`load_xlsx` (see ``layout``)."""

from checker.read.xlsx.reader import load_xlsx, load_xlsx_located
from checker.read.xlsx.writer import write_form

__all__ = ["load_xlsx", "load_xlsx_located", "write_form"]
