"""Stage 2, the judgements: claims compared, sources grouped by origin, both Admiralty grades,
conflicts and the timeline, from one validated corpus (`assess.assess(corpus)`).

Everything here is data: frames and structured values that `present` turns into words.
"""
