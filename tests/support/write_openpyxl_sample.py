#!/usr/bin/python3
"""Writes a small CTG-like workbook with openpyxl (tests/xlsx/stream-read.test.ts): inline strings
(openpyxl 3.0 writes every text inline), text starting with "=", booleans, an error, dates, formulas
without cached values, shared formulas (down a column and along a row, with absolute parts), a
protected sheet and the very hidden CTG_meta sheet.

Usage: write_openpyxl_sample.py OUT.xlsx META.json  (META: the key/value rows of CTG_meta)"""
import datetime
import json
import sys

import openpyxl

out, meta_path = sys.argv[1], sys.argv[2]
with open(meta_path, encoding="utf-8") as f:
    meta_rows = json.load(f)

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Saisies"
ws["A1"] = "Texte"
ws["B1"] = "=Très bien"
ws["B1"].data_type = "s"  # text, not a formula
ws["C1"] = "  espaces  "
ws["D1"] = "R&D <ok> \"guillemets\" 'apostrophes'"
ws["E1"] = "ligne 1\nligne 2"
ws["A2"] = 12
ws["B2"] = -3.5
ws["C2"] = 0
ws["D2"] = True
ws["E2"] = False
ws["F2"] = "#N/A"  # an error value
ws["G2"] = datetime.date(2024, 3, 15)
ws["H2"] = datetime.datetime(2024, 3, 15, 18, 30)
ws["I2"] = 45000
ws["I2"].number_format = "0.00"
ws["J2"] = 45000
ws["J2"].number_format = "dd/mm/yyyy"
ws["A3"] = "=A2*2"
# A shared formula down column B (B3 is its master), and one along row 3 (C3 to E3). No string
# literal looking like a reference: exceljs, the reference of the test, would move it.
ws["B3"] = "=A2+1"
ws.formula_attributes["B3"] = {"t": "shared", "ref": "B3:B6", "si": "0"}
for r in range(4, 7):
    ws[f"B{r}"] = "="
    ws[f"B{r}"].data_type = "f"  # a dependent cell: an empty formula pointing to its master
    ws.formula_attributes[f"B{r}"] = {"t": "shared", "si": "0"}
ws["C3"] = "=$A$2+A2*C$2"
ws.formula_attributes["C3"] = {"t": "shared", "ref": "C3:E3", "si": "1"}
for c in ("D", "E"):
    ws[f"{c}3"] = "="
    ws[f"{c}3"].data_type = "f"
    ws.formula_attributes[f"{c}3"] = {"t": "shared", "si": "1"}
ws["A8"] = "après un trou"
ws.protection.sheet = True

meta = wb.create_sheet("CTG_meta")
meta.sheet_state = "veryHidden"
for i, (k, v) in enumerate(meta_rows):
    meta.cell(row=i + 1, column=1, value=k).data_type = "s"
    meta.cell(row=i + 1, column=2, value=v).data_type = "s"

wb.save(out)
