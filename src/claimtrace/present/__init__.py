"""Stage 3, what a reader sees: the report's selection, what is shown and left out, the wording,
tables, HTML and charts. A notebook opens one `Report` (`report.open_report`) and asks it for
what it shows.
"""
