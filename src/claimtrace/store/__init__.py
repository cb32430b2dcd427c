"""Stage 3, persistence: the embedded database beside the reports (database), one assessment per
data version in it (cache), the history of published assessments (history), and where the store
is found (location).

Nothing here judges: it keeps what judge/ made and gives it back unchanged.
"""
