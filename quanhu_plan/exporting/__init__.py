"""The monthly 推进情况表 (progress table) a town hands in, written from the plan (``plan
export``): a row per task under grouping rows for its parts and goals, as an Excel workbook or
a CSV table.

Modules: ``rows`` (the table's rows and cells for a plan at a date, and how user text is made
inert in a cell; pure), ``xlsx`` (the workbook: layout, styles, print setup; the one place that
writes with openpyxl, imported inside its function), ``csv_table`` (the CSV text), ``errors``
(what can stop an export, in zh and en).
"""
