"""Plans brought in from the spreadsheets they arrive in (``plan import``): a 任务分解表 or a
monthly 推进情况表 as .xlsx or .csv, turned into a plan document.

Modules: ``sheets`` (reading a file into grids of cell values: the one place that opens the
file and imports openpyxl), ``headers`` (which column holds what, by the names in ``header_names``), ``dates`` (deadlines as
offices write them), ``values`` (numbers, targets, names and statuses in cells), ``build``
(a sheet into a plan document; pure, in steps that share a ``reading``: ``rows`` into the
tree, ``cells`` into fields (``deadline_cells`` the deadlines), ``items`` with their ids), ``several`` (``--sheet 全部``: every
sheet, each a part), ``outline`` (the tree shown by ``--dry-run``), ``errors`` (what can be wrong with a sheet, and the notes an import prints, in
zh and en).
"""
