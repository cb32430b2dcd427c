"""The claims in two standard forms, written by `claimtrace export DIR` beside the CSV files.

- `annotations.jsonld`: a W3C Web Annotation collection (https://www.w3.org/TR/annotation-model/),
  one annotation per claim. Its target is the seed, named by the SHA-256 of its bytes as an RFC
  6920 `ni:` address (the seed is a copy of the page, so the page's own address would not hold
  these offsets), with a TextQuoteSelector (the quote and the words around it) and a
  TextPositionSelector (character offsets, end exclusive): the anchors the corpus stage makes.
  Its bodies say what the claim says (`describing`), its grade and why (`assessing`), and its
  status (`tagging`).
- `claimreview.jsonld`: one schema.org ClaimReview (https://schema.org/ClaimReview) per claim
  judged against the record or another source (a claim compared with at least one other
  statement): the quote reviewed, the Admiralty credibility grade as its rating (1 best, 6
  worst) with its words and reason, and the source's author, date and address.

Ids are `urn:claimtrace:` names built from the claim id, so a second export names each claim
as the first did.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pandas as pd

from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import Assessment
from claimtrace.present.reasons import Reasons
from claimtrace.present.tables import claim_says
from claimtrace.present.wording import STATUS_WORDS, Wording, credibility_words, outlet, words_for
from claimtrace.vocabulary import CREDIBILITY_MEANINGS

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SCHEMA_CONTEXT = "https://schema.org"
ANNOTATIONS_FILE = "annotations.jsonld"
CLAIM_REVIEWS_FILE = "claimreview.jsonld"
REVIEWER = {"@type": "Organization", "name": "claimtrace"}
"""Who reviews: the project, whose rules (README, "The judgements") give every grade."""


def claim_address(claim_id: str, kind: str = "claim") -> str:
    return f"urn:claimtrace:{kind}:{claim_id}"


def seed_address(sha256_hex: str) -> str:
    """The seed's RFC 6920 name: `ni:///sha-256;` and its digest in unpadded base64url."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def digest_of(address: str) -> str:
    """The SHA-256 (hex) an address of seed_address names."""
    encoded = address.removeprefix("ni:///sha-256;")
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).hex()


def _text(value: str, purpose: str) -> dict[str, str]:
    return {
        "type": "TextualBody",
        "purpose": purpose,
        "value": value,
        "format": "text/plain",
        "language": "en",
    }


def web_annotations(claims: pd.DataFrame, words: Wording, reasons: Reasons) -> dict[str, object]:
    """Every claim as a Web Annotation on its seed, in one AnnotationCollection."""
    items = [
        {
            "id": claim_address(claim.claim_id),
            "type": "Annotation",
            "motivation": "assessing",
            "body": [
                _text(claim_says(claim, words), "describing"),
                _text(
                    f"{STATUS_WORDS[claim.status]}; {credibility_words(claim.credibility)}: "
                    f"{reasons.claim(claim)}",
                    "assessing",
                ),
                _text(STATUS_WORDS[claim.status], "tagging"),
            ],
            "target": {
                "type": "SpecificResource",
                "source": {
                    "id": seed_address(claim.seed_sha256),
                    "type": "Text",
                    "format": "text/plain",
                },
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": claim.quote,
                        "prefix": claim.prefix,
                        "suffix": claim.suffix,
                    },
                    {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
                ],
            },
        }
        for claim in claims.itertuples(index=False)
    ]
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": "urn:claimtrace:annotations",
        "type": "AnnotationCollection",
        "label": "Claims of the corpus, graded",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _appearance(source: pd.Series) -> dict[str, object]:
    """Where the claim appeared: the source's title, publisher, date and address (each only
    when known)."""
    work: dict[str, object] = {"@type": "CreativeWork"}
    if source["title"]:
        work["headline"] = source["title"]
    if publisher := outlet(source["publisher"]):
        work["publisher"] = {"@type": "Organization", "name": publisher}
    if source["url"]:
        work["url"] = source["url"]
    return work


def _item_reviewed(source: pd.Series) -> dict[str, object]:
    claim: dict[str, object] = {"@type": "Claim", "appearance": _appearance(source)}
    if source["author"]:
        claim["author"] = {"@type": "Person", "name": source["author"]}
    elif publisher := outlet(source["publisher"]):
        claim["author"] = {"@type": "Organization", "name": publisher}
    if source["published"]:
        claim["datePublished"] = source["published"]
    return claim


def claim_reviews(
    claims: pd.DataFrame, sources: pd.DataFrame, compared: set[str], reasons: Reasons
) -> dict[str, object]:
    """A ClaimReview of every claim in `compared` (claim ids judged against another
    statement), in one schema.org graph."""
    by_id = sources.set_index("source_id")
    reviews = [
        {
            "@type": "ClaimReview",
            "@id": claim_address(claim.claim_id, "review"),
            "author": REVIEWER,
            "claimReviewed": claim.quote,
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": claim.credibility,
                "bestRating": min(CREDIBILITY_MEANINGS),
                "worstRating": max(CREDIBILITY_MEANINGS),
                "alternateName": CREDIBILITY_MEANINGS[claim.credibility],
                "ratingExplanation": reasons.claim(claim),
            },
            "itemReviewed": _item_reviewed(by_id.loc[claim.source_id]),
        }
        for claim in claims.itertuples(index=False)
        if claim.claim_id in compared
    ]
    return {"@context": SCHEMA_CONTEXT, "@graph": reviews}


def standard_documents(corpus: Corpus, assessment: Assessment) -> dict[str, dict[str, object]]:
    """File name -> the JSON-LD document written under it."""
    words = words_for(corpus, assessment)
    reasons = Reasons.of(assessment, words)
    compared = set(assessment.comparisons["claim_id"])
    return {
        ANNOTATIONS_FILE: web_annotations(assessment.claims, words, reasons),
        CLAIM_REVIEWS_FILE: claim_reviews(assessment.claims, corpus.sources, compared, reasons),
    }


def export_standard(corpus: Corpus, assessment: Assessment, out_dir: Path) -> dict[Path, int]:
    """Write both JSON-LD files into `out_dir`; path -> items written."""
    written = {}
    for name, document in standard_documents(corpus, assessment).items():
        path = out_dir / name
        text = json.dumps(document, ensure_ascii=False, indent=1, default=int)
        scratch = path.with_name(f".{name}.partial")
        scratch.write_text(text + "\n", encoding="utf-8")
        scratch.replace(path)
        written[path] = len(items_of(document))
    return written


def items_of(document: dict[str, object]) -> list[dict[str, object]]:
    """The annotations or reviews a document of standard_documents holds."""
    if "@graph" in document:
        return document["@graph"]  # type: ignore[return-value]
    return document["first"]["items"]  # type: ignore[index]
