#!/usr/bin/python3
"""What openpyxl (an independent reader) sees in workbooks, for the corpus test.

Reads .xlsx paths from stdin, one per line, and prints one JSON line per path, in order:
  {"file": path, "sheets": [names], "cells": {sheet: {"A1": "text", ...}}}
or {"file": path, "error": "ExceptionType: message"}.
Values are strings: numbers as repr, dates and times ISO, booleans TRUE/FALSE, formulas as written
("=A1*2"). Only cells openpyxl holds are listed (never the whole dimension). Chartsheets are listed
with no cells. One process serves many files; run it with /usr/bin/python3 (Debian's openpyxl).
"""
import datetime
import json
import sys
import warnings

warnings.simplefilter("ignore")

import openpyxl  # noqa: E402
from openpyxl.utils import get_column_letter  # noqa: E402


def text(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return "timedelta:%r" % value.total_seconds()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (int, str)):
        return str(value)
    # ArrayFormula, DataTableFormula, rich text and the like.
    inner = getattr(value, "text", None)
    if isinstance(inner, str):
        return inner
    return str(value)


def dump(path):
    book = openpyxl.load_workbook(path, read_only=False, data_only=False, keep_links=True)
    try:
        cells = {}
        for sheet in book.worksheets:
            values = {}
            for (row, column), cell in getattr(sheet, "_cells", {}).items():
                if cell.value is None:
                    continue
                values["%s%d" % (get_column_letter(column), row)] = text(cell.value)
            cells[sheet.title] = values
        return {"file": path, "sheets": list(book.sheetnames), "cells": cells}
    finally:
        close = getattr(book, "close", None)
        if close:
            close()


def main():
    for line in sys.stdin:
        path = line.rstrip("\r\n")
        if not path:
            continue
        try:
            record = dump(path)
        except BaseException as error:  # noqa: BLE001 - every failure is the answer for this file
            if isinstance(error, KeyboardInterrupt):
                raise
            record = {"file": path, "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
