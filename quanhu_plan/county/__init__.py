"""The county's view over many towns' plans (``plan county``): a row per plan with the figures
``plan status`` gives it, the ranking, the towns that did not report, and the 通报.

Modules: ``reporting`` (未按要求报送: the reporting rule and each plan's newest entry),
``ranking`` (weights, scores and places, ties shared), ``view`` (the rows and the whole view as
data, and its JSON; pure), ``words`` (what it says in zh and en), ``markdown``, ``docx`` and
``xlsx`` (the 通报 as a file; python-docx and openpyxl are imported inside their functions).
Reading the files is the store's (``store.plan_files``), drawing the table the terminal's
(``terminal.county_view``).
"""
