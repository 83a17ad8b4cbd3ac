#!/usr/bin/python3
"""An independent reader of .xlsx files for the tests (openpyxl, not exceljs): prints a JSON summary
of what a spreadsheet application will find in the file."""
import json
import sys

import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)  # formulas as written (not computed)
names = wb.defined_names
out = {"sheets": [], "definedNames": sorted(names.keys()) if hasattr(names, "keys") else sorted(d.name for d in names.definedName)}
for ws in wb.worksheets:
    unlocked = []
    types = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.protection is not None and cell.protection.locked is False:
                unlocked.append(cell.coordinate)
            if cell.value is not None:
                types[cell.coordinate] = [cell.data_type, cell.value if isinstance(cell.value, (int, float, str)) else str(cell.value)]
    dv = []
    for v in ws.data_validations.dataValidation:
        dv.append({
            "sqref": str(v.sqref), "type": v.type, "operator": v.operator, "errorStyle": v.errorStyle,
            "formula1": v.formula1, "formula2": v.formula2, "prompt": v.prompt, "promptTitle": v.promptTitle,
            "error": v.error, "showInputMessage": v.showInputMessage, "showErrorMessage": v.showErrorMessage,
            "allowBlank": v.allow_blank,
        })
    cf = []
    for rng in ws.conditional_formatting:
        for rule in rng.rules:
            cf.append({"sqref": str(rng.sqref), "type": rule.type, "formula": list(rule.formula or [])})
    out["sheets"].append({
        "name": ws.title,
        "state": ws.sheet_state,
        "frozen": ws.freeze_panes,
        "protected": bool(ws.protection.sheet),
        "tables": [{"name": t.name, "ref": t.ref, "columns": [c.name for c in t.tableColumns]} for t in ws.tables.values()],
        "merged": [str(m) for m in ws.merged_cells.ranges],
        "validations": dv,
        "conditionalFormats": cf,
        "unlocked": unlocked,
        # Whole columns or rows whose default style is unlocked (their empty cells would be too).
        "unlockedColumns": sorted(k for k, d in ws.column_dimensions.items() if d.protection is not None and d.protection.locked is False),
        "unlockedRows": sorted(k for k, d in ws.row_dimensions.items() if d.protection is not None and d.protection.locked is False),
        "cells": types,
        "printTitleRows": ws.print_title_rows,
        "orientation": ws.page_setup.orientation,
        # Manual page breaks: each id is the last row of a page (1-based).
        "rowBreaks": [b.id for b in ws.row_breaks.brk],
    })
# The protection of cells that have no style of their own (style 0).
default_xf = wb._cell_styles[0] if len(wb._cell_styles) else None
out["defaultLocked"] = default_xf is None or wb._protections[default_xf.protectionId].locked is not False
json.dump(out, sys.stdout, ensure_ascii=False, default=str)
