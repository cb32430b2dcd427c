"""Drafting claims for a new seed, by rule: entity mentions over the alias table (mentions),
date expressions resolved against the publication date (date_expressions), the event a sentence
most likely speaks to (event_match), who stands behind a value: the source, a teller it relays,
a denial or a correction (stance), the local time a date is given in (local_time), approximate
numbers (approximate), the proposals with their reasons (proposals), and the draft CSV a curator
reviews (draft). Nothing here writes claims.csv.
"""
