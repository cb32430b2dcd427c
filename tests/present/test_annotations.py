"""`claimtrace export` writes the claims as W3C Web Annotations and schema.org ClaimReviews:
shapes valid offline, every selector finding its quote in the seed its hash names."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest
from jsonschema import Draft202012Validator

from claimtrace.cli import main
from claimtrace.present.annotations import (
    ANNOTATION_CONTEXT,
    ANNOTATIONS_FILE,
    CLAIM_REVIEWS_FILE,
    SCHEMA_CONTEXT,
    digest_of,
    seed_address,
)
from claimtrace.vocabulary import CREDIBILITY_MEANINGS
from tests.factories import LIVE_DATA, ROOT


def _closed(properties: dict[str, object], required: list[str]) -> dict[str, object]:
    """An object of exactly these properties: a term outside the context would be dropped by a
    JSON-LD processor, so it fails here."""
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


TEXT = {"type": "string", "minLength": 1}
BODY = _closed(
    {
        "type": {"const": "TextualBody"},
        "purpose": {"enum": ["describing", "assessing", "tagging"]},
        "value": TEXT,
        "format": {"const": "text/plain"},
        "language": {"const": "en"},
    },
    ["type", "purpose", "value"],
)
QUOTE = _closed(
    {
        "type": {"const": "TextQuoteSelector"},
        "exact": TEXT,
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
    },
    ["type", "exact", "prefix", "suffix"],
)
POSITION = _closed(
    {
        "type": {"const": "TextPositionSelector"},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
    ["type", "start", "end"],
)
ANNOTATION = _closed(
    {
        "id": {"type": "string", "pattern": "^urn:claimtrace:claim:"},
        "type": {"const": "Annotation"},
        "motivation": {"const": "assessing"},
        "body": {"type": "array", "items": BODY, "minItems": 3},
        "target": _closed(
            {
                "type": {"const": "SpecificResource"},
                "source": _closed(
                    {
                        "id": {"type": "string", "pattern": r"^ni:///sha-256;[A-Za-z0-9_-]{43}$"},
                        "type": {"const": "Text"},
                        "format": {"const": "text/plain"},
                    },
                    ["id", "type"],
                ),
                "selector": {
                    "type": "array",
                    "prefixItems": [QUOTE, POSITION],
                    "items": False,
                    "minItems": 2,
                },
            },
            ["type", "source", "selector"],
        ),
    },
    ["id", "type", "body", "target"],
)
COLLECTION = _closed(
    {
        "@context": {"const": ANNOTATION_CONTEXT},
        "id": TEXT,
        "type": {"const": "AnnotationCollection"},
        "label": TEXT,
        "total": {"type": "integer"},
        "first": _closed(
            {
                "type": {"const": "AnnotationPage"},
                "startIndex": {"const": 0},
                "items": {"type": "array", "items": ANNOTATION},
            },
            ["type", "items"],
        ),
    },
    ["@context", "type", "total", "first"],
)
NAMED = {"type": "object", "properties": {"@type": {"enum": ["Person", "Organization"]}}}
REVIEW = _closed(
    {
        "@type": {"const": "ClaimReview"},
        "@id": {"type": "string", "pattern": "^urn:claimtrace:review:"},
        "author": _closed({"@type": {"const": "Organization"}, "name": TEXT}, ["@type", "name"]),
        "claimReviewed": TEXT,
        "reviewRating": _closed(
            {
                "@type": {"const": "Rating"},
                "ratingValue": {"enum": list(CREDIBILITY_MEANINGS)},
                "bestRating": {"const": 1},
                "worstRating": {"const": 6},
                "alternateName": {"enum": list(CREDIBILITY_MEANINGS.values())},
                "ratingExplanation": TEXT,
            },
            ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"],
        ),
        "itemReviewed": _closed(
            {
                "@type": {"const": "Claim"},
                "author": _closed({"@type": NAMED["properties"]["@type"], "name": TEXT}, ["name"]),
                "datePublished": {"type": "string", "pattern": r"^\d{4}(-\d{2}){0,2}$"},
                "appearance": _closed(
                    {
                        "@type": {"const": "CreativeWork"},
                        "headline": TEXT,
                        "publisher": _closed(
                            {"@type": {"const": "Organization"}, "name": TEXT}, ["name"]
                        ),
                        "url": {"type": "string", "pattern": "^https?://"},
                    },
                    ["@type"],
                ),
            },
            ["@type", "appearance"],
        ),
    },
    ["@type", "@id", "author", "claimReviewed", "reviewRating", "itemReviewed"],
)
REVIEWS = _closed(
    {"@context": {"const": SCHEMA_CONTEXT}, "@graph": {"type": "array", "items": REVIEW}},
    ["@context", "@graph"],
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("export")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMTRACE_STORE", str(out / "store.duckdb"))
        assert main(["export", str(out / "out"), "--data-dir", str(LIVE_DATA)]) == 0
    return {
        name: json.loads((out / "out" / name).read_text(encoding="utf-8"))
        for name in (ANNOTATIONS_FILE, CLAIM_REVIEWS_FILE)
    }


@pytest.fixture(scope="module")
def seeds_by_digest() -> dict[str, str]:
    return {
        hashlib.sha256(path.read_bytes()).hexdigest(): path.read_text(encoding="utf-8")
        for path in (ROOT / "seeds").glob("*.txt")
    }


def selector_problems(annotation: dict, seeds_by_digest: dict[str, str]) -> list[str]:
    """What does not hold of an annotation's target: the seed its hash names, the quote with
    its prefix and suffix found once in it, the offsets spanning the quote."""
    target = annotation["target"]
    seed = seeds_by_digest.get(digest_of(target["source"]["id"]))
    if seed is None:
        return ["no seed has this hash"]
    quote, position = target["selector"]
    problems = []
    if seed.count(quote["prefix"] + quote["exact"] + quote["suffix"]) != 1:
        problems.append("the quote selector does not find its words once")
    if seed[position["start"] : position["end"]] != quote["exact"]:
        problems.append("the position selector does not span the quote")
    return problems


def annotations_of(exported: dict[str, dict]) -> list[dict]:
    return exported[ANNOTATIONS_FILE]["first"]["items"]


def test_both_files_have_the_shape_of_their_standard(exported: dict[str, dict]) -> None:
    Draft202012Validator(COLLECTION).validate(exported[ANNOTATIONS_FILE])
    Draft202012Validator(REVIEWS).validate(exported[CLAIM_REVIEWS_FILE])


def test_a_term_outside_the_standard_fails_the_shape(exported: dict[str, dict]) -> None:
    changed = copy.deepcopy(exported[CLAIM_REVIEWS_FILE])
    changed["@graph"][0]["reviewRating"]["grade"] = 5
    assert not Draft202012Validator(REVIEWS).is_valid(changed)


def test_every_claim_is_annotated_once(exported: dict[str, dict]) -> None:
    claims = (LIVE_DATA / "claims.csv").read_text(encoding="utf-8")
    ids = [a["id"].rsplit(":", 1)[1] for a in annotations_of(exported)]
    assert len(ids) == len(set(ids)) == exported[ANNOTATIONS_FILE]["total"]
    assert all(f"\n{claim_id}," in claims for claim_id in ids)


def test_every_selector_finds_its_quote_in_the_seed_of_its_hash(
    exported: dict[str, dict], seeds_by_digest: dict[str, str]
) -> None:
    assert {a["id"]: selector_problems(a, seeds_by_digest) for a in annotations_of(exported)} == {
        a["id"]: [] for a in annotations_of(exported)
    }


def test_a_shifted_selector_or_another_seed_is_found_out(
    exported: dict[str, dict], seeds_by_digest: dict[str, str]
) -> None:
    shifted = copy.deepcopy(annotations_of(exported)[0])
    shifted["target"]["selector"][1]["start"] += 1
    assert selector_problems(shifted, seeds_by_digest) == [
        "the position selector does not span the quote"
    ]
    elsewhere = copy.deepcopy(annotations_of(exported)[0])
    elsewhere["target"]["source"]["id"] = seed_address(hashlib.sha256(b"other").hexdigest())
    assert selector_problems(elsewhere, seeds_by_digest) == ["no seed has this hash"]


def test_an_annotation_says_the_claim_its_status_and_grade(exported: dict[str, dict]) -> None:
    by_id = {a["id"]: a for a in annotations_of(exported)}
    bodies = {b["purpose"]: b["value"] for b in by_id["urn:claimtrace:claim:mediawall-04"]["body"]}
    assert bodies["describing"].endswith(": Ottawa")
    assert bodies["assessing"].startswith("contradicted; improbable (5): ")
    assert bodies["tagging"] == "contradicted"


def test_claims_judged_against_others_are_reviewed_with_their_grade(
    exported: dict[str, dict],
) -> None:
    reviews = {r["@id"].rsplit(":", 1)[1]: r for r in exported[CLAIM_REVIEWS_FILE]["@graph"]}
    placed = reviews["mediawall-04"]
    assert placed["claimReviewed"] == "signed last week in Ottawa"
    assert (placed["reviewRating"]["ratingValue"], placed["reviewRating"]["alternateName"]) == (
        5,
        "improbable",
    )
    tokyo = reviews["rips-06"]["itemReviewed"]
    assert tokyo["author"] == {"@type": "Person", "name": "Jonathan Berkshire Miller"}
    assert tokyo["datePublished"] == "2025-08-29"
    assert tokyo["appearance"]["url"].startswith("https://www.rips.or.jp/")
    # A description is compared with nothing: no review.
    assert "mediawall-01" not in reviews


def test_the_seed_address_round_trips() -> None:
    digest = hashlib.sha256(b"seed").hexdigest()
    assert digest_of(seed_address(digest)) == digest
