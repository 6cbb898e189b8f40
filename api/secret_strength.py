"""How hard a secret is to guess: zxcvbn's patterns, random stretches counted at their own alphabet, our words."""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Iterable

# Words anyone attacking this installation tries first: the product, the task force, the disease, the demo and
# the province's places (zxcvbn treats them as the first entries of its dictionary).
PRODUCT_WORDS = (
    "sumbar",
    "siaga",
    "satgas",
    "covid",
    "corona",
    "demo",
    "padang",
    "sumatera",
    "barat",
    "minang",
    "minangkabau",
    "bukittinggi",
    "payakumbuh",
    "pariaman",
    "solok",
    "sawahlunto",
    "agam",
    "pasaman",
    "mentawai",
    "sijunjung",
    "dharmasraya",
    "pesisir",
    "tanahdatar",
    "limapuluh",
    "dinkes",
    "provinsi",
    "admin",
    "editor",
)
# zxcvbn refuses longer inputs; a prefix this long can already show far more than the entropy a key needs.
ZXCVBN_MAX_LENGTH = 72
_ALPHABETS = (string.digits, string.ascii_lowercase, string.ascii_uppercase, string.punctuation)
_HEX = set(string.hexdigits.lower())
# zxcvbn reads a word between separators as random letters: the words are read again with the separators out.
_SEPARATORS = re.compile(r"[\s._-]+")


def _alphabet_size(token: str) -> int:
    """The smallest usual alphabet the characters are drawn from (hex counts as 16, not digits plus letters)."""
    if set(token) <= _HEX:
        return 16
    size = sum(len(alphabet) for alphabet in _ALPHABETS if any(c in alphabet for c in token))
    return size + (64 if any(ord(c) > 127 for c in token) else 0) or 1


def _pattern_bits(secret: str, words: list[str]) -> float:
    """zxcvbn's cheapest reading of the secret (words, repeats, sequences, keyboard walks, dates); the stretches in
    which it finds no pattern are counted as random draws from their alphabet instead of its ten per character."""
    # Imported here: its frequency lists take a moment to load, and only start-up and account changes need them.
    from zxcvbn import zxcvbn

    head = secret[:ZXCVBN_MAX_LENGTH]
    bits = 0.0
    for match in zxcvbn(head, user_inputs=words)["sequence"]:
        if match["pattern"] == "bruteforce":
            bits += len(match["token"]) * math.log2(_alphabet_size(match["token"]))
        else:
            bits += math.log2(max(1.0, float(match["guesses"])))
    return bits


def _spread_bits(secret: str) -> float:
    """Length times the Shannon entropy of the character frequencies: few distinct characters mean few bits."""
    counts = Counter(secret)
    return -sum(n * math.log2(n / len(secret)) for n in counts.values())


def estimated_bits(secret: str, words: Iterable[str] = ()) -> float:
    """A conservative estimate of the secret's entropy in bits: the lower of the two readings."""
    if not secret:
        return 0.0
    listed = [w.lower() for w in (*PRODUCT_WORDS, *words) if w]
    joined = _SEPARATORS.sub("", secret)
    return min(_pattern_bits(secret, listed), _pattern_bits(joined, listed), _spread_bits(secret))
