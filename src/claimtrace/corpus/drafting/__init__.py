"""Drafting claims for a new seed, by rule: entity mentions over the alias table (mentions),
date expressions resolved against the publication date (date_expressions), the event a sentence
most likely speaks to (event_match), the proposals with their reasons (proposals), and the draft
CSV a curator reviews (draft). Nothing here writes claims.csv.
"""
