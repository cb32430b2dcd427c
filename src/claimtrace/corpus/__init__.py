"""Stage 1, the corpus: the curated tables and seeds loaded, validated and anchored.

`load.load_corpus(data_dir)` returns one `Corpus` or raises a `DataError` listing every problem:
`schemas` holds the rules of single tables, `anchoring` finds each quote in its seed, `entities`
resolves names and dated roles, `dates` compares partial dates. For curators, `register` adds a
seed and `drafting/` proposes candidate claims for one. Nothing here judges a claim.
"""
